package kr.compliance.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.compliance.ChildJvm;
import kr.compliance.generate.DropGenerator;
import kr.compliance.store.Quarter;
import kr.compliance.store.StoreUrls;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Partitioned scoring ({@code compliance.scoring.partitions}) and remote workers
 * ({@code compliance worker}) store exactly the findings and scores of one process judging every
 * subject on one thread, and make the same pack, byte for byte; also when a worker is killed with
 * SIGKILL in the middle of a partition and the run is started again. Every command runs as a child
 * JVM, as a user or a cron job would, each store a schema of its own on the test's server; the
 * schemas are then compared row by row.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionedScoringIntegrationTests {

    static final int CHANGES = 30_000;
    static final String PERIOD = "2026Q3";
    static final String AS_OF = "2026-10-10T00:00:00Z";
    static final List<String> RESULTS = List.of("finding", "requirement_score");
    static final Pattern PACK_SHA256 = Pattern.compile("sha256 ([0-9a-f]{64})");
    /** A manager's and its workers' settings: beats every second, lost after five silent seconds. */
    static final List<String> LIVELY_WORKERS = List.of(
            "-Dcompliance.scoring.workers=true",
            "-Dcompliance.scoring.partitions=3",
            "-Dcompliance.scoring.worker-heartbeat=PT1S",
            "-Dcompliance.scoring.worker-lost-after=PT5S");

    static final String RUNNING_PARTITIONS =
            "BATCH_STEP_EXECUTION WHERE STATUS = 'STARTED' AND STEP_NAME LIKE '%:partition%'";

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    DSLContext dsl;

    Path work;
    Path drop;
    /** Scored by one process on one thread: what every other way must store. */
    String baseline;

    String baselinePack;
    final List<Process> started = new ArrayList<>();

    @BeforeAll
    void scoreOnOneThread() throws Exception {
        work = Files.createTempDirectory(Path.of("target"), "partitioned-scoring-");
        drop = work.resolve("drop");
        Quarter quarter = Quarter.parse(PERIOD);
        ZoneId seoul = ZoneId.of("Asia/Seoul");
        new DropGenerator(7, quarter.start(seoul), quarter.end(seoul)).write(drop, CHANGES);
        baseline = ingested("one_");
        assertThat(run(baseline, "score", "-Dcompliance.scoring.partitions=1")).isZero();
        baselinePack = pack(baseline);
        assertThat(steps(baseline, "changeControlsStep:partition%")).isEqualTo(1L);
    }

    @AfterEach
    void stopWorkers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void threePartitionsOnThreadsStoreWhatOneStores() throws Exception {
        String three = ingested("three_");

        assertThat(run(three, "score", "-Dcompliance.scoring.partitions=3")).isZero();

        assertSameResultsAsBaseline(three);
        for (String group : List.of(
                "changeControlsStep",
                "incidentControlsStep",
                "runbookControlsStep",
                "postmortemControlsStep",
                "actionItemControlsStep")) {
            assertThat(steps(three, group + ":partition%"))
                    .as("%s judged in three partitions", group)
                    .isEqualTo(3L);
            assertThat(subjectsRead(three, group))
                    .as("%s: each subject judged by one partition", group)
                    .isEqualTo(subjectsRead(baseline, group));
        }
        long changes = subjectsRead(baseline, "changeControlsStep");
        for (int index = 0; index < 3; index++) {
            assertThat(subjectsRead(three, "changeControlsStep:partition" + index))
                    .as("partition %d judges about a third of the changes: ranges cut at every third", index)
                    .isBetween(changes * 3 / 10, changes * 4 / 10);
        }
    }

    @Test
    void aManagerAndTwoWorkersStoreWhatOneProcessStores() throws Exception {
        String remote = ingested("workers_");
        Worker first = worker(remote, "first");
        Worker second = worker(remote, "second");

        assertThat(run(remote, "score", "-Dcompliance.scoring.workers=true", "-Dcompliance.scoring.partitions=3"))
                .isZero();

        assertSameResultsAsBaseline(remote);
        assertThat(steps(remote, "%ControlsStep:partition%")).isEqualTo(15L);
        assertThat(first.log() + second.log())
                .as("the workers judged the partitions")
                .contains("ran changeControlsStep:partition");
        assertThat(rows(remote, "INT_CHANNEL_MESSAGE"))
                .as("every request taken")
                .isZero();
        assertThat(rows(remote, "scoring_worker"))
                .as("both workers in the registry")
                .isEqualTo(2L);

        for (Worker worker : List.of(first, second)) {
            worker.process().destroy(); // SIGTERM, as a service manager stops it
            assertThat(worker.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(rows(remote, "scoring_worker"))
                .as("a worker stopped leaves the registry at once, not when a manager finds it silent")
                .isZero();
    }

    /**
     * SIGKILL leaves the partition marked running and the worker in the registry, silent; SIGTERM
     * stops the worker in order, which may or may not record the partition's failure before the
     * database's pool closes, and keeps the worker in the registry while it holds the partition.
     * Either way the run ends long before its ten-minute timeout, and its restart ends as one clean run.
     */
    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"KILL", "TERM"})
    void aWorkerStoppedMidPartitionEndsTheRunWithinSecondsAndTheRestartToTheSameResult(String stop) throws Exception {
        String killed = ingested(stop.toLowerCase(Locale.ROOT) + "ed_");
        Worker victim = worker(killed, "victim");
        Process manager = manager(killed);
        String held = heldPartition(killed, victim);
        Instant stoppedAt = Instant.now();
        signal(stop, victim.process());
        assertThat(victim.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
        if (stop.equals("KILL")) { // no shutdown hook, nothing ended
            assertThat(victim.log())
                    .as("killed in the middle of its partition")
                    .doesNotContain("worker ran changeControlsStep");
            assertThat(rows(killed, RUNNING_PARTITIONS))
                    .as("its partition left marked running")
                    .isEqualTo(1L);
        }

        // the other partitions go to a worker that lives; the dead one's is failed once it is lost
        Worker survivor = worker(killed, "survivor");
        assertThat(manager.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(Duration.between(stoppedAt, Instant.now()))
                .as("ended by the lost worker, not by the ten-minute worker-timeout")
                .isLessThan(Duration.ofMinutes(3));
        assertThat(manager.exitValue())
                .as("the run failed: a partition never ended")
                .isNotZero();
        assertThat(rows(killed, "scoring_run WHERE status = 'FAILED'")).isEqualTo(1L);
        if (stop.equals("KILL")) {
            assertThat(Files.readString(log(killed, "manager"), StandardCharsets.UTF_8))
                    .contains("failed: " + held + ": its worker on ")
                    .contains("stopped answering");
        }
        assertThat(rows(killed, "scoring_worker"))
                .as("the stopped worker left the registry; the survivor is in it")
                .isOne();

        assertThat(run(killed, "score", LIVELY_WORKERS.toArray(String[]::new))).isZero();

        assertSameResultsAsBaseline(killed);
        assertThat(steps(killed, "changeControlsStep:partition%"))
                .as("the two partitions that completed are not run again")
                .isEqualTo(4L);
        assertThat(survivor.log()).contains("ran changeControlsStep:partition");
    }

    @Test
    void aStalledWorkerDeclaredLostStopsWhenItWakesAndWritesNothingMore() throws Exception {
        String stalled = ingested("stalled_");
        Worker sleeper = worker(stalled, "sleeper");
        Process manager = manager(stalled);
        String held = heldPartition(stalled, sleeper);
        signal("STOP", sleeper.process());

        Worker survivor = worker(stalled, "survivor");
        assertThat(manager.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(manager.exitValue()).isNotZero();
        assertThat(Files.readString(log(stalled, "manager"), StandardCharsets.UTF_8))
                .contains("failed: " + held + ": its worker on ");

        signal("CONT", sleeper.process());
        assertThat(sleeper.process().waitFor(1, TimeUnit.MINUTES))
                .as("the worker stops once it finds itself declared lost")
                .isTrue();
        assertThat(sleeper.process().exitValue()).isEqualTo(1);
        assertThat(sleeper.log()).contains("worker was declared lost by a manager");

        assertThat(run(stalled, "score", LIVELY_WORKERS.toArray(String[]::new))).isZero();
        assertSameResultsAsBaseline(stalled);
        assertThat(survivor.log()).contains("ran " + held);
    }

    @Test
    void aWorkerDeclaredLostWhileIdleLeavesTheRequestItWakesToOnTheQueue() throws Exception {
        String woken = ingested("woken_");
        // beats once a minute: without the check as it takes a request, it would judge partitions
        // for most of a minute before learning that it was lost
        Worker sleeper = worker(
                woken,
                "sleeper",
                "-Dcompliance.scoring.worker-heartbeat=PT1M",
                "-Dcompliance.scoring.worker-lost-after=PT2M");
        signal("STOP", sleeper.process());
        // what a manager does to a worker silent for longer than worker-lost-after
        assertThat(dsl.execute("DELETE FROM " + woken + ".scoring_worker")).isOne();
        Process manager = manager(woken);
        assertThat(awaitRows(woken, "INT_CHANNEL_MESSAGE", queued -> queued >= 3, Duration.ofMinutes(2)))
                .as("the manager's requests")
                .isEqualTo(3L);

        signal("CONT", sleeper.process());
        assertThat(sleeper.process().waitFor(30, TimeUnit.SECONDS))
                .as("the worker stops at the first request it tries to take")
                .isTrue();
        assertThat(sleeper.process().exitValue()).isEqualTo(1);
        assertThat(sleeper.log())
                .contains("worker was declared lost by a manager")
                .doesNotContain("worker running");
        assertThat(rows(woken, "INT_CHANNEL_MESSAGE"))
                .as("the request it took is back on the queue")
                .isEqualTo(3L);

        worker(woken, "survivor");
        assertThat(manager.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(manager.exitValue()).isZero();
        assertSameResultsAsBaseline(woken);
    }

    @Test
    void aPartitionWhoseSubjectsWereNeverSavedIsGivenThemAgainWhenTheRunResumes() throws Exception {
        String resumed = ingested("resumed_");
        dsl.execute("CREATE TRIGGER " + resumed + ".refuse_findings BEFORE INSERT ON " + resumed + ".finding"
                + " FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no findings now'");
        try {
            assertThat(run(resumed, "score", "-Dcompliance.scoring.partitions=3"))
                    .isNotZero();
        } finally {
            dsl.execute("DROP TRIGGER " + resumed + ".refuse_findings");
        }
        // as when the process died after Spring Batch created the partition's execution and before
        // it saved the partition's subjects: run as it is, it would judge every subject
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        new DefaultExecutionContextSerializer().serialize(new HashMap<>(), empty);
        assertThat(dsl.execute(
                        "UPDATE " + resumed + ".BATCH_STEP_EXECUTION_CONTEXT SET SHORT_CONTEXT = ?,"
                                + " SERIALIZED_CONTEXT = NULL WHERE STEP_EXECUTION_ID = (SELECT MAX(STEP_EXECUTION_ID)"
                                + " FROM " + resumed + ".BATCH_STEP_EXECUTION"
                                + " WHERE STEP_NAME = 'changeControlsStep:partition1')",
                        empty.toString(StandardCharsets.ISO_8859_1)))
                .isOne();

        assertThat(run(resumed, "score", "-Dcompliance.scoring.partitions=3")).isZero();

        assertSameResultsAsBaseline(resumed);
        // findings judged twice would be stored once (LOAD DATA skips a duplicate): count the judging
        String partitions = resumed + ".BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'changeControlsStep:partition%'";
        assertThat(((Number) dsl.fetchValue("SELECT SUM(READ_COUNT) FROM " + partitions
                                + " AND JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM " + partitions + ")"))
                        .longValue())
                .as("the resumed run judged each change once")
                .isEqualTo(subjectsRead(baseline, "changeControlsStep"));
    }

    @Test
    void requestsLeftByAManagerThatGaveUpAreDroppedNotJudged() throws Exception {
        String stale = ingested("stale_");

        // no worker yet: the manager waits out its timeout and fails, its three requests still queued
        assertThat(run(
                        stale,
                        "manager",
                        "-Dcompliance.scoring.workers=true",
                        "-Dcompliance.scoring.partitions=3",
                        "-Dcompliance.scoring.worker-timeout=PT5S"))
                .isNotZero();
        assertThat(rows(stale, "INT_CHANNEL_MESSAGE")).isEqualTo(3L);

        Worker late = worker(stale, "late");
        assertThat(awaitRows(stale, "INT_CHANNEL_MESSAGE", queued -> queued == 0, Duration.ofMinutes(1)))
                .as("every request taken")
                .isZero();
        assertThat(late.await("worker dropped", Duration.ofSeconds(10))).isTrue();
        assertThat(late.log().split("worker dropped a request no longer wanted", -1))
                .as("three requests dropped")
                .hasSize(4);
        assertThat(late.log()).doesNotContain("worker running");
        assertThat(rows(stale, "finding"))
                .as("nothing judged for a run that had failed")
                .isZero();

        assertThat(run(stale, "score", "-Dcompliance.scoring.workers=true", "-Dcompliance.scoring.partitions=3"))
                .isZero();
        assertSameResultsAsBaseline(stale);
    }

    private void assertSameResultsAsBaseline(String schema) throws Exception {
        for (String table : RESULTS) {
            assertThat(rows(schema, table))
                    .as(table)
                    .isEqualTo(rows(baseline, table))
                    .isPositive();
            assertThat(rowsOnlyIn(schema, baseline, table))
                    .as("%s rows not in the baseline", table)
                    .isZero();
            assertThat(rowsOnlyIn(baseline, schema, table))
                    .as("%s rows missing", table)
                    .isZero();
        }
        assertThat(pack(schema)).as("the pack's SHA-256").isEqualTo(baselinePack);
    }

    /** A fresh schema with the drop ingested. */
    private String ingested(String prefix) throws Exception {
        String schema = prefix + System.nanoTime();
        dsl.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        Process ingest = command(schema, "ingest", List.of(), "ingest", "--from", drop.toString());
        assertThat(ingest.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(ingest.exitValue())
                .as("ingest into %s (3: rows rejected)", schema)
                .isIn(0, 3);
        return schema;
    }

    private int run(String schema, String name, String... properties) throws Exception {
        Process score = command(schema, name, List.of(properties), "score", "--period", PERIOD, "--as-of", AS_OF);
        assertThat(score.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return score.exitValue();
    }

    /** The SHA-256 the pack command reports for the schema's run. */
    private String pack(String schema) throws Exception {
        Process pack = command(
                schema,
                "pack",
                List.of(),
                "pack",
                "--period",
                PERIOD,
                "--out",
                work.resolve("packs-" + schema).toString());
        assertThat(pack.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(log(schema, "pack"), StandardCharsets.UTF_8);
        assertThat(pack.exitValue()).as(out).isZero();
        Matcher sha = PACK_SHA256.matcher(out);
        assertThat(sha.find()).as(out).isTrue();
        return sha.group(1);
    }

    private record Worker(Process process, Path logFile) {
        String log() throws IOException {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        }

        boolean await(String text, Duration within) throws IOException, InterruptedException {
            Instant deadline = Instant.now().plus(within);
            while (Instant.now().isBefore(deadline) && process.isAlive()) {
                if (log().contains(text)) {
                    return true;
                }
                Thread.sleep(20);
            }
            return log().contains(text);
        }
    }

    /** A worker with {@link #LIVELY_WORKERS}' settings, then {@code properties} (the last of a name wins). */
    private Worker worker(String schema, String name, String... properties) throws Exception {
        List<String> settings = new ArrayList<>(LIVELY_WORKERS);
        settings.addAll(List.of(properties));
        Worker worker = new Worker(command(schema, name, settings, "worker"), log(schema, name));
        assertThat(worker.await("worker ready", Duration.ofMinutes(2)))
                .as(worker.log())
                .isTrue();
        return worker;
    }

    /** A scoring manager started in the background, waiting ten minutes for partitions that do not end. */
    private Process manager(String schema) throws IOException {
        List<String> properties = new ArrayList<>(LIVELY_WORKERS);
        properties.add("-Dcompliance.scoring.worker-timeout=PT10M");
        return command(schema, "manager", properties, "score", "--period", PERIOD, "--as-of", AS_OF);
    }

    /** Waits until the worker is judging a change partition and the database says so; its name. */
    private String heldPartition(String schema, Worker worker) throws Exception {
        assertThat(worker.await("worker running changeControlsStep:partition", Duration.ofMinutes(2)))
                .as("the worker began a partition")
                .isTrue();
        awaitRows(schema, RUNNING_PARTITIONS, running -> running > 0, Duration.ofSeconds(30));
        Matcher running = Pattern.compile("worker running (changeControlsStep:partition\\d)")
                .matcher(worker.log());
        assertThat(running.find()).isTrue();
        return running.group(1);
    }

    private static void signal(String signal, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        assertThat(kill.waitFor()).as("kill -%s", signal).isZero();
    }

    private Path log(String schema, String name) {
        return work.resolve(schema + "-" + name + ".log");
    }

    /** {@code compliance ARGS --db SCHEMA} in a JVM of its own; every one shares a home, so one signing key. */
    private Process command(String schema, String name, List<String> properties, String... args) throws IOException {
        List<String> options = new ArrayList<>(
                List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-Dcompliance.store.home=" + work.resolve("home")));
        options.addAll(properties);
        List<String> command = new ArrayList<>(ChildJvm.command("kr.compliance.cli.Launcher", options));
        command.addAll(List.of(args));
        command.addAll(List.of("--db", StoreUrls.withAccount(dataSource, schema)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log(schema, name).toFile())
                .start();
        started.add(process);
        return process;
    }

    private long rows(String schema, String table) {
        return ((Number) dsl.fetchValue("SELECT COUNT(*) FROM " + schema + "." + table)).longValue();
    }

    /** The rows of {@code table} once {@code until} holds for their count, or when {@code within} has passed. */
    private long awaitRows(String schema, String table, LongPredicate until, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        long count = rows(schema, table);
        while (!until.test(count) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            count = rows(schema, table);
        }
        return count;
    }

    /** Rows of {@code table} in one schema that the other does not hold, every column compared. */
    private long rowsOnlyIn(String schema, String other, String table) {
        return ((Number) dsl.fetchValue("SELECT COUNT(*) FROM (SELECT * FROM " + schema + "." + table
                        + " EXCEPT SELECT * FROM " + other + "." + table + ") AS only_here"))
                .longValue();
    }

    /**
     * The subjects a control group's partitions read, summed (a subject twice would show here), or
     * those of one partition ({@code group:partitionN}).
     */
    private long subjectsRead(String schema, String group) {
        return ((Number) dsl.fetchValue(
                        "SELECT SUM(READ_COUNT) FROM " + schema + ".BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE ?",
                        group.contains(":") ? group : group + ":partition%"))
                .longValue();
    }

    private long steps(String schema, String namePattern) {
        return ((Number) dsl.fetchValue(
                        "SELECT COUNT(*) FROM " + schema + ".BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE ?", namePattern))
                .longValue();
    }
}
