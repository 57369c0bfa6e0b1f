package kr.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.StoreUrls;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The launcher as a user meets it: exit codes of docs/cli.md and one-line errors. Each command boots its
 * own application, pointed with {@code --db} at the test's server.
 */
@SpringBootTest
class CommandLineIntegrationTests {

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    DSLContext dsl;

    Path home;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;

    @BeforeEach
    void captureConsole() throws IOException {
        EvidenceTables.clear(dsl);
        home = Files.createTempDirectory(Path.of("target"), "cli-home-");
        System.setProperty("compliance.store.home", home.toString());
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        System.clearProperty("compliance.store.home");
    }

    int run(String... args) {
        String[] withDb = new String[args.length + 2];
        System.arraycopy(args, 0, withDb, 0, args.length);
        withDb[args.length] = "--db";
        withDb[args.length + 1] = StoreUrls.withAccount(dataSource);
        return Launcher.run(withDb);
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aDropWithBadRowsExitsThreeWithTheExactCount() throws IOException {
        Path drop = Files.createTempDirectory(Path.of("target"), "drop-");
        Files.writeString(drop.resolve("changes.csv"), """
                change_id,service,data_center,change_type,scale,requested_by,started_at
                CHG-1,talk,DC-A,UPDATE,MAJOR,kim,2026-07-01T10:00+09:00
                CHG-2,talk,DC-A,UPGRADE,MAJOR,kim,2026-07-01T10:00+09:00
                CHG-3,talk,DC-A,UPDATE,MAJOR,kim,yesterday
                """);

        assertThat(run("ingest", "--from", drop.toString())).isEqualTo(ExitCodes.REJECTED_ROWS);
        assertThat(stdout()).contains("2 row(s) rejected");
        assertThat(run("ingest", "--from", drop.toString())).isEqualTo(ExitCodes.REJECTED_ROWS);
    }

    @Test
    void aFolderThatDoesNotExistFailsWithOneLine() {
        assertThat(run("ingest", "--from", "no/such/folder")).isEqualTo(ExitCodes.FAILED);
        assertThat(stderr().strip())
                .startsWith("compliance: error: no such folder: no/such/folder")
                .doesNotContain("\n");
    }

    @Test
    void ingestSourcePullsAConfiguredSourceAndNamesTheOnesItDoesNotKnow() {
        var configured = Map.of(
                "compliance.sources.ci.type", "junit",
                "compliance.sources.ci.junit.folder",
                        Path.of("src/test/resources/sources/junit")
                                .toAbsolutePath()
                                .toString(),
                "compliance.sources.itsm.type", "jdbc",
                "compliance.sources.itsm.jdbc.url", "jdbc:mysql://127.0.0.1:1/itsm",
                "compliance.sources.itsm.jdbc.queries.changes.sql", "SELECT change_id, updated_at FROM change_log",
                "compliance.sources.itsm.jdbc.queries.changes.watermark", "updated_at");
        configured.forEach(System::setProperty);
        try {
            assertThat(run("ingest", "--source", "ci")).isEqualTo(ExitCodes.OK);
            assertThat(stdout()).contains("Pulled source 'ci' into ").contains("4 row(s) in tests.csv");

            assertThat(run("ingest", "--source", "itsm")).isEqualTo(ExitCodes.FAILED);
            assertThat(stderr().strip())
                    .startsWith("compliance: error: source 'itsm' failed: reading jdbc:mysql://127.0.0.1:1/itsm")
                    .doesNotContain("\n");

            assertThat(run("ingest", "--source", "nope")).isEqualTo(ExitCodes.USAGE);
            assertThat(stderr()).contains("no source named 'nope'").contains("configured: ci, itsm");
            assertThat(run("ingest", "--source", "ci", "--from", home.toString()))
                    .isEqualTo(ExitCodes.USAGE);
        } finally {
            configured.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void aWorkerWithoutASharedDatabaseIsRefusedWithOneLine() throws Exception {
        // a child JVM on an embedded home, as a user would start it without --db
        Commands.Result worker;
        try (Commands commands = new Commands(Files.createTempDirectory(Path.of("target"), "worker-home-"))) {
            worker = commands.run("worker");
        }
        assertThat(worker.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(worker.err().strip())
                .startsWith(
                        "compliance: error: a worker judges partitions for scoring processes that share its database")
                .contains("--db or COMPLIANCE_DB_URL")
                .doesNotContain("\n");
    }

    @Test
    void aWrongCommandLineExitsTwoWithUsage() {
        assertThat(run("score", "--period", "2026Q5")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("a period is written like 2026Q3").contains("Usage: compliance score");
        assertThat(Launcher.run("frobnicate")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aPackLanguageOtherThanKoreanOrEnglishIsRefusedBeforeAnythingStarts() {
        for (String command : List.of("pack", "submit", "run")) {
            assertThat(run(command, "--period", "2026Q3", "--lang", "jp"))
                    .as(command)
                    .isEqualTo(ExitCodes.USAGE);
        }
        assertThat(run("demo", "--lang", "jp")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("--lang is ko or en, not 'jp'").contains("Usage: compliance demo");
    }

    @Test
    void theDemoRunsEndToEndAndItsPackVerifies() {
        assertThat(run("demo", "--out", home.resolve("out").toString())).isEqualTo(ExitCodes.OK);
        assertThat(stdout()).contains("OVERALL").contains("Evidence pack:");
        Path pack = home.resolve("out/compliance-pack-2026Q3.zip");
        assertThat(pack).exists();

        assertThat(Launcher.run("verify", pack.toString())).isEqualTo(ExitCodes.OK);
    }

    @Test
    void packingAPeriodNeverScoredSaysToScoreFirst() {
        assertThat(run("pack", "--period", "2025Q1", "--out", home.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(stderr()).contains("score");
    }

    @Test
    void everyCommandReadsTheConfigurationInTheHome() throws IOException {
        Path policy = home.resolve("operator-policy.yml");
        String defaultPolicy = new String(
                getClass().getResourceAsStream("/policy/default-policy.yml").readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(policy, defaultPolicy.replace("version: \"2026.1\"", "version: \"operator-7\""));
        Files.createDirectories(home.resolve("config"));
        Files.writeString(
                home.resolve("config/application.yml"),
                "compliance:\n  scoring:\n    policy-file: file:" + policy + "\n");

        assertThat(run("score", "--period", "2026Q3")).isEqualTo(ExitCodes.OK);

        assertThat(stdout()).contains("policy operator-7");
    }
}
