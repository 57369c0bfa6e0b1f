package kr.compliance.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kr.compliance.ChildJvm;
import kr.compliance.generate.DropGenerator;
import kr.compliance.store.Quarter;
import kr.compliance.store.StoreUrls;
import kr.compliance.store.TableFingerprints;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Partitioned loads ({@code compliance.ingest.partitions}) store exactly what a load on one
 * connection stores, also when killed with SIGKILL half-way and run again. The application runs as
 * a child JVM, as a cron job would, against a schema of its own on the test's server; the schemas
 * are then compared table by table.
 */
@SpringBootTest
class PartitionedIngestIntegrationTests {

    static final int CHANGES = 120_000;
    static final List<String> TABLES = Stream.concat(TableFingerprints.LOADED.stream(), Stream.of("ingest_load"))
            .toList();
    /**
     * All that may differ between two loads of the same drops: when each load ran, and a
     * rejection's surrogate id, numbered in the order the partitions happen to commit (nothing
     * shows it; the pack lists rejections by file and line).
     */
    static final List<String> BOOKKEEPING = List.of("started_at", "finished_at", "rejection_id");

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    DSLContext dsl;

    @Test
    void aPartitionedLoadStoresWhatALoadOnOneConnectionStoresAndKeepsEachRecordsRevisionsInOrder() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "partitioned-");
        Quarter q3 = Quarter.parse("2026Q3");
        Path generated = work.resolve("generated");
        new DropGenerator(5, q3.start(ZoneId.of("Asia/Seoul")), q3.end(ZoneId.of("Asia/Seoul")))
                .write(generated, 3_000);
        Path revisions = revisionsDrop(work.resolve("revisions"), 0);
        Path revisedAgain = revisionsDrop(work.resolve("revised-again"), 1);
        String one = schema("one_");
        String three = schema("three_");

        for (String schema : List.of(one, three)) {
            String partitions = schema.equals(one) ? "1" : "3";
            for (Path drop : List.of(generated, revisions, revisedAgain)) {
                // small chunks: a record's revisions fall into many chunks, and many rounds of one
                Process load = ingest(
                        work,
                        drop,
                        schema,
                        "-Dcompliance.ingest.partitions=" + partitions,
                        "-Dcompliance.ingest.chunk-size=40");
                assertThat(load.waitFor(5, TimeUnit.MINUTES)).isTrue();
                assertThat(load.exitValue())
                        .as("%s into %s (3: rows rejected)", drop, schema)
                        .isIn(0, 3);
            }
        }

        assertThat(fingerprints(three)).isEqualTo(fingerprints(one));
        assertThat(steps(three, "changesStep:partition%"))
                .as("loaded on three connections")
                .isEqualTo(9L);
        assertThat(steps(one, "changesStep:partition%")).isEqualTo(3L);
        // every record's revisions in the order of its rows: revision n holds the n-th row's summary
        assertThat(rows(three, "change_record WHERE change_id LIKE 'REV-%'")).isEqualTo(30L * 26);
        assertThat(rows(three, "change_record WHERE change_id LIKE 'REV-%' AND summary <> CONCAT('rev ', revision)"))
                .isZero();
        assertThat(rows(
                        three,
                        "change_record WHERE change_id LIKE 'REV-%' AND superseded_by_load IS NULL"
                                + " AND revision <> 26"))
                .isZero();
        assertThat(rows(three, "rejected_record WHERE file_name = 'changes.csv'"))
                .isEqualTo(4L);
    }

    @Test
    void aKilledPartitionedLoadRunAgainEqualsOneCleanRun() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "killed-");
        Path drop = work.resolve("drop");
        Quarter q3 = Quarter.parse("2026Q3");
        new DropGenerator(11, q3.start(ZoneId.of("Asia/Seoul")), q3.end(ZoneId.of("Asia/Seoul"))).write(drop, CHANGES);
        String clean = schema("clean_");
        String killed = schema("killed_");

        assertThat(ingest(work, drop, clean, "-Dcompliance.ingest.partitions=1").waitFor(5, TimeUnit.MINUTES))
                .isTrue();

        Process victim = ingest(work, drop, killed, "-Dcompliance.ingest.partitions=2");
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

        // configured for three now: the killed load goes on with the two partitions it began with
        Process again = ingest(work, drop, killed, "-Dcompliance.ingest.partitions=3");
        assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(again.exitValue()).isZero();

        assertThat(fingerprints(killed)).isEqualTo(fingerprints(clean));
        assertThat(rows(killed, "change_record")).isEqualTo(CHANGES);
        assertThat(rows(killed, "BATCH_JOB_EXECUTION WHERE STATUS = 'FAILED'"))
                .as("the killed execution was marked failed, then restarted")
                .isEqualTo(1L);
        assertThat(steps(killed, "changesStep:partition2")).isZero();
    }

    private String schema(String prefix) {
        String schema = prefix + System.nanoTime();
        dsl.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return schema;
    }

    /**
     * 30 records of 25 revisions each, the revisions of all records interleaved (every record's
     * first row, then every second row, ...), and rejected rows among them: one without an id, one
     * with a bad change type. The second drop ({@code round} 1) adds a 26th revision to each.
     */
    private static Path revisionsDrop(Path folder, int round) throws IOException {
        StringBuilder csv = new StringBuilder(IngestIntegrationTests.CHANGES_HEADER);
        int from = round == 0 ? 1 : 26;
        int to = round == 0 ? 25 : 26;
        for (int revision = from; revision <= to; revision++) {
            for (int record = 1; record <= 30; record++) {
                csv.append("REV-%d,talk,DC-A,UPDATE,MAJOR,,rev %d,kim,,,,,2026-07-01T10:00+09:00,,,\n"
                        .formatted(record, revision));
            }
            if (revision % 20 == 1) {
                csv.append(" ,talk,DC-A,UPDATE,MAJOR,,no id,kim,,,,,2026-07-01T10:00+09:00,,,\n");
                csv.append("REV-1,talk,DC-A,SOMETIMES,MAJOR,,bad,kim,,,,,2026-07-01T10:00+09:00,,,\n");
            }
        }
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("changes.csv"), csv, StandardCharsets.UTF_8);
        return folder;
    }

    private Process ingest(Path work, Path drop, String schema, String... properties) throws IOException {
        String url = StoreUrls.withAccount(dataSource, schema);
        List<String> options =
                new ArrayList<>(List.of("-Xmx512m", "-Dcompliance.store.home=" + work.resolve("home-" + schema)));
        options.addAll(List.of(properties));
        List<String> command = new ArrayList<>(ChildJvm.command("kr.compliance.cli.Launcher", options));
        command.addAll(List.of("ingest", "--from", drop.toString(), "--db", url));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        work.resolve(schema + "-" + drop.getFileName() + ".log").toFile())
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

    private long steps(String schema, String namePattern) {
        return ((Number) dsl.fetchValue(
                        "SELECT COUNT(*) FROM " + schema + ".BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE ?", namePattern))
                .longValue();
    }

    private Map<String, String> fingerprints(String schema) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return TableFingerprints.of(connection, schema, TABLES, BOOKKEEPING);
        }
    }
}
