package kr.compliance.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import kr.compliance.ChildJvm;
import kr.compliance.generate.DropGenerator;
import kr.compliance.store.Quarter;
import kr.compliance.store.StoreUrls;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code serve} stopped in the middle of a requested run, as an operator would stop it: the
 * application runs as child JVMs ({@code kr.compliance.cli.Launcher}) on a schema of their own on
 * the test's database server, loaded with a generated drop big enough for a run to take a while.
 * Killed (SIGKILL) or shut down (SIGTERM) while the run's scoring job is executing, then started
 * again: the run is shown {@code FAILED} with the reason through the HTTP API, its Batch executions
 * are no longer running, and the same run requested again completes.
 */
@SpringBootTest
class StoppedServeIntegrationTests {

    static final int CHANGES = 40_000;
    static final String PERIOD = "2026Q3";
    static final String USER = "officer";
    static final String PASSWORD = "correct horse battery staple";

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    DSLContext dsl;

    @Autowired
    JsonMapper json;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> started = new ArrayList<>();

    /** Numbers the serve logs of the class. */
    private static int serves;

    /** One loaded schema (and home) for both tests: loading it is most of their time. */
    private static Path work;

    private static String schema;

    @BeforeEach
    void loadedSchema() throws Exception {
        if (schema != null) {
            return;
        }
        work = Files.createTempDirectory(Path.of("target"), "stopped-serve-");
        schema = "stopped_" + System.nanoTime();
        dsl.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        Path drop = work.resolve("drop");
        Quarter q3 = Quarter.parse(PERIOD);
        new DropGenerator(5, q3.start(ZoneId.of("Asia/Seoul")), q3.end(ZoneId.of("Asia/Seoul"))).write(drop, CHANGES);
        finished(launch("ingest", "--from", drop.toString()), "ingest");
        Process user = launch("user", "add", USER, "--role", "OFFICER");
        user.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        user.getOutputStream().close();
        finished(user, "user add");
    }

    @AfterAll
    static void forget() {
        schema = null;
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aRunOfAKilledServeIsShownFailedWithItsProcessAndCanBeRequestedAgain() throws Exception {
        Serve first = serve();
        long runId = request(first);
        long execution = awaitScoringUnderWay(runId);

        first.process().destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, nothing written
        assertThat(runStatusInDatabase(runId)).isEqualTo("RUNNING");

        Serve second = serve();
        JsonNode run = awaitRun(second, runId, status -> !status.equals("RUNNING"), Duration.ofSeconds(60));
        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("error").asString())
                .contains(
                        "stopped before it finished", "/pid " + first.process().pid(), "request the run again");
        assertThat(batchStatus(execution)).as("the killed scoring execution").isEqualTo("FAILED");
        assertThat(jobStatuses(run)).as("the run's jobs as the API shows them").contains("FAILED");

        assertRequestedAgainCompletes(second, runId);
    }

    @Test
    void aRunOfAServeShutDownIsEndedFailedAsShutDownAndCanBeRequestedAgain() throws Exception {
        Serve first = serve();
        long runId = request(first);
        long execution = awaitScoringUnderWay(runId);

        first.process().destroy(); // SIGTERM: the application context closes
        assertThat(first.process().waitFor(90, TimeUnit.SECONDS))
                .as("serve ended after SIGTERM")
                .isTrue();
        assertThat(runStatusInDatabase(runId)).as("before any restart").isEqualTo("FAILED");
        assertThat(batchStatus(execution)).as("the scoring execution").isIn("STOPPED", "FAILED");

        Serve second = serve();
        JsonNode run = awaitRun(second, runId, status -> true, Duration.ofSeconds(10));
        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("error").asString()).isEqualTo(RunService.SHUT_DOWN);

        assertRequestedAgainCompletes(second, runId);
    }

    private void assertRequestedAgainCompletes(Serve serve, long failedRunId) throws Exception {
        long again = request(serve);
        assertThat(again).isGreaterThan(failedRunId);
        JsonNode run = awaitRun(serve, again, status -> !status.equals("RUNNING"), Duration.ofMinutes(4));
        assertThat(run.get("status").asString()).as("run %s: %s", again, run).isEqualTo("COMPLETED");
        assertThat(jobStatuses(run)).containsExactly("COMPLETED", "COMPLETED");
        assertThat(rows("BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING')"))
                .as("no Batch execution is left running")
                .isZero();
    }

    /** The scoring job of the run has started: the moment to stop the server. */
    private long awaitScoringUnderWay(long runId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            Long execution = dsl.fetchValue("SELECT MIN(JOB_EXECUTION_ID) FROM " + schema
                                    + ".BATCH_JOB_EXECUTION e JOIN " + schema
                                    + ".BATCH_JOB_INSTANCE i USING (JOB_INSTANCE_ID)"
                                    + " WHERE i.JOB_NAME = 'scoreJob' AND e.STATUS = 'STARTED'")
                            instanceof Number id
                    ? id.longValue()
                    : null;
            if (execution != null) {
                assertThat(runStatusInDatabase(runId)).isEqualTo("RUNNING");
                return execution;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the scoring of run " + runId + " did not start");
    }

    private record Serve(Process process, int port) {}

    private Serve serve() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = launch("serve", "--port", Integer.toString(port));
        Serve serve = new Serve(process, port);
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive())
                    .as("serve is up (log: %s)", log("serve"))
                    .isTrue();
            try {
                if (http.send(get(serve, "/actuator/health"), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return serve;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("serve did not start in time: " + log("serve"));
    }

    private long request(Serve serve) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create(base(serve) + "/api/periods/" + PERIOD + "/runs"))
                .header("Authorization", basic())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).get("run_id").asLong();
    }

    private JsonNode awaitRun(Serve serve, long runId, Predicate<String> until, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        JsonNode run;
        do {
            HttpResponse<String> response =
                    http.send(get(serve, "/api/runs/" + runId), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            run = json.readTree(response.body());
            if (until.test(run.get("status").asString())) {
                return run;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("run " + runId + " is still " + run);
    }

    private static List<String> jobStatuses(JsonNode run) {
        List<String> statuses = new ArrayList<>();
        run.get("jobs").forEach(job -> statuses.add(job.get("status").asString()));
        return statuses;
    }

    private HttpRequest get(Serve serve, String path) {
        return HttpRequest.newBuilder(URI.create(base(serve) + path))
                .header("Authorization", basic())
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    private static String base(Serve serve) {
        return "http://127.0.0.1:" + serve.port();
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private String runStatusInDatabase(long runId) {
        return (String) dsl.fetchValue("SELECT status FROM " + schema + ".requested_run WHERE run_id = " + runId);
    }

    private String batchStatus(long executionId) {
        return (String) dsl.fetchValue(
                "SELECT STATUS FROM " + schema + ".BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = " + executionId);
    }

    private long rows(String tableAndCondition) {
        return ((Number) dsl.fetchValue("SELECT COUNT(*) FROM " + schema + "." + tableAndCondition)).longValue();
    }

    /** The application as a user starts it, in its own JVM, on this test's schema. */
    private Process launch(String... command) throws IOException {
        String name = command[0];
        String url = StoreUrls.withAccount(dataSource, schema);
        List<String> line = new ArrayList<>(ChildJvm.command(
                "kr.compliance.cli.Launcher", List.of("-Xmx512m", "-Dcompliance.store.home=" + work.resolve("home"))));
        line.addAll(List.of(command));
        line.addAll(List.of("--db", url));
        if (name.equals("serve")) {
            name = "serve-" + ++serves;
        }
        Process process = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile())
                .start();
        started.add(process);
        return process;
    }

    private void finished(Process process, String name) throws InterruptedException {
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(name + " finished").isTrue();
        assertThat(process.exitValue())
                .as("%s: %s", name, log(name.split(" ")[0]))
                .isZero();
    }

    private String log(String name) {
        Path file = work.resolve((name.equals("serve") ? "serve-" + serves : name) + ".log");
        try {
            String text = Files.readString(file);
            return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
        } catch (IOException e) {
            return "(no log " + file + ": " + e.getMessage() + ")";
        }
    }
}
