package kr.compliance.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kr.compliance.generate.DropGenerator;
import kr.compliance.store.Quarter;
import kr.compliance.store.StoreUrls;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A load killed with SIGKILL half-way, then run again, leaves exactly the rows of one clean run.
 * The application runs as a child JVM, as a cron job would, against its own schema on the test's
 * server: one schema loaded cleanly, one killed and resumed, then compared row for row.
 */
@SpringBootTest
class KilledIngestIntegrationTests {

    static final int CHANGES = 120_000;
    static final List<String> TABLES = List.of(
            "change_record",
            "test_run",
            "incident",
            "notification",
            "postmortem",
            "action_item",
            "runbook",
            "control_exception");

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    DSLContext dsl;

    @Test
    void aKilledLoadRunAgainEqualsOneCleanRun() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "killed-");
        Path drop = work.resolve("drop");
        Quarter q3 = Quarter.parse("2026Q3");
        new DropGenerator(11, q3.start(ZoneId.of("Asia/Seoul")), q3.end(ZoneId.of("Asia/Seoul"))).write(drop, CHANGES);
        String clean = "clean_" + System.nanoTime();
        String killed = "killed_" + System.nanoTime();
        dsl.execute("CREATE DATABASE " + clean + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        dsl.execute("CREATE DATABASE " + killed + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");

        assertThat(ingest(work, drop, clean).waitFor(5, TimeUnit.MINUTES)).isTrue();

        Process victim = ingest(work, drop, killed);
        Instant deadline = Instant.now().plusSeconds(240);
        List<Long> seen = new ArrayList<>();
        while (victim.isAlive() && Instant.now().isBefore(deadline)) {
            seen.add(rows(killed, "change_record"));
            if (seen.getLast() >= CHANGES / 4) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(victim.isAlive())
                .as(
                        "the load is still under way when it is killed (rows seen: %s)",
                        seen.stream().distinct().toList())
                .isTrue();
        victim.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no rollback by the application
        long atKill = rows(killed, "change_record");
        assertThat(atKill).isBetween(1L, (long) CHANGES - 1);

        Process again = ingest(work, drop, killed);
        assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(again.exitValue()).isZero();

        for (String table : TABLES) {
            assertThat(fingerprint(killed, table)).as(table).isEqualTo(fingerprint(clean, table));
        }
        assertThat(rows(killed, "change_record")).isEqualTo(CHANGES);
        assertThat(rows(killed, "BATCH_JOB_EXECUTION WHERE STATUS = 'FAILED'"))
                .as("the killed execution was marked failed, then restarted")
                .isEqualTo(1L);
    }

    private Process ingest(Path work, Path drop, String schema) throws IOException {
        String url = StoreUrls.withAccount(dataSource, schema);
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-Dcompliance.store.home=" + work.resolve("home-" + schema),
                "-cp",
                System.getProperty("java.class.path"),
                "kr.compliance.cli.Launcher",
                "ingest",
                "--from",
                drop.toString(),
                "--db",
                url));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(schema + ".log").toFile())
                .start();
    }

    private long rows(String schema, String table) {
        try {
            return ((Number) dsl.fetchValue("SELECT COUNT(*) FROM " + schema + "." + table)).longValue();
        } catch (org.springframework.dao.DataAccessException e) {
            if (String.valueOf(e.getMostSpecificCause().getMessage()).contains("doesn't exist")) {
                return 0; // not migrated yet
            }
            throw e;
        }
    }

    /** Every stored column but the load bookkeeping, hashed in key order. */
    private String fingerprint(String schema, String table) {
        List<String> columns = dsl
                .fetchValues(
                        "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                                + " AND column_name NOT IN ('load_id', 'superseded_by_load') ORDER BY ordinal_position",
                        schema,
                        table)
                .stream()
                .map(String::valueOf)
                .toList();
        String row = columns.stream()
                .map(c -> "COALESCE(CAST(" + c + " AS CHAR), '~')")
                .collect(Collectors.joining(", '|', "));
        return dsl.fetchValue("SELECT CAST(CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT(" + row
                        + "))), 0)) AS CHAR) FROM " + schema + "." + table)
                .toString();
    }
}
