package kr.compliance.schedule;

import static kr.compliance.store.jooq.Tables.ALERT_DELIVERY;
import static kr.compliance.store.jooq.Tables.FINDING;
import static kr.compliance.store.jooq.Tables.SCORING_RUN;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import kr.compliance.results.RunDiffs;
import kr.compliance.results.ScoringResults;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.GeneratedKeys;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** New-failure alerts posted to a real local HTTP receiver, from real scoring_run and finding rows. */
@SpringBootTest
class AlertIntegrationTests {

    @Autowired
    ScoringResults results;

    @Autowired
    DSLContext dsl;

    @Autowired
    RunDiffs diffs;

    private HttpServer receiver;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        EvidenceTables.clear(dsl);
        dsl.truncate(ALERT_DELIVERY).execute();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook/secret-token", exchange -> {
            requests.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
            if (status == 200) {
                bodies.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private URI hook() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/secret-token");
    }

    private NewFailureAlerts alertsTo(URI webhook) {
        AlertProperties properties =
                new AlertProperties(List.of(webhook), 3, Duration.ofMillis(100), Duration.ofSeconds(2), 20);
        WebhookSender sender = new WebhookSender(properties);
        return new NewFailureAlerts(
                dsl, results, properties, sender, new SubmissionDriftAlerts(dsl, results, diffs, properties, sender));
    }

    private long scoringRun(String period, String status, long jobExecutionId) {
        Instant now = Instant.now();
        return GeneratedKeys.insert(
                dsl,
                tx -> tx.insertInto(SCORING_RUN)
                        .set(SCORING_RUN.JOB_EXECUTION_ID, jobExecutionId)
                        .set(SCORING_RUN.PERIOD, period)
                        .set(SCORING_RUN.PERIOD_START, now)
                        .set(SCORING_RUN.PERIOD_END, now)
                        .set(SCORING_RUN.REPORT_ZONE, "Asia/Seoul")
                        .set(SCORING_RUN.AS_OF, now)
                        .set(SCORING_RUN.EVIDENCE_LOAD_ID, 1L)
                        .set(SCORING_RUN.POLICY_VERSION, "test")
                        .set(SCORING_RUN.POLICY_SHA256, "0".repeat(64))
                        .set(SCORING_RUN.POLICY_CONTENT, "")
                        .set(SCORING_RUN.STATUS, status)
                        .set(SCORING_RUN.STARTED_AT, now));
    }

    private void finding(long runId, String control, String subject, String status) {
        dsl.insertInto(FINDING)
                .set(FINDING.RUN_ID, runId)
                .set(FINDING.CONTROL_ID, control)
                .set(FINDING.SUBJECT_ID, subject)
                .set(FINDING.REQUIREMENT, control.substring(0, 2))
                .set(FINDING.SUBJECT_TYPE, "CHANGE")
                .set(FINDING.STATUS, status)
                .set(FINDING.REASON, "reason of " + subject)
                .set(FINDING.EVIDENCE_REFS, "")
                .set(FINDING.REFERENCE_TIME, Instant.now())
                .execute();
    }

    /** Run 1 then run 2 of 2026Q3 (with a failed run and another period's run in between); returns run 2. */
    private long twoRunsWithNewFailures() {
        long first = scoringRun("2026Q3", "COMPLETED", 101);
        finding(first, "R1.1", "CHG-1", "FAIL"); // still failing: not new
        finding(first, "R1.1", "CHG-2", "PASS"); // turns FAIL: new
        finding(first, "R2.1", "CHG-3", "PENDING"); // turns FAIL: new
        long failedRun = scoringRun("2026Q3", "FAILED", 102);
        finding(failedRun, "R1.1", "CHG-2", "FAIL"); // a failed run is no baseline
        long otherPeriod = scoringRun("2026Q2", "COMPLETED", 103);
        finding(otherPeriod, "R2.1", "CHG-3", "FAIL"); // nor is another period
        long second = scoringRun("2026Q3", "COMPLETED", 104);
        finding(second, "R1.1", "CHG-1", "FAIL");
        finding(second, "R1.1", "CHG-2", "FAIL");
        finding(second, "R2.1", "CHG-3", "FAIL");
        finding(second, "R2.1", "CHG-4", "PASS");
        return second;
    }

    private static String subjects(String body) {
        JsonNode json = JsonMapper.builder().build().readTree(body);
        StringBuilder all = new StringBuilder();
        json.get("blocks")
                .forEach(block ->
                        all.append(block.get("text").get("text").asString()).append('\n'));
        return all.toString();
    }

    @Test
    void theReceiverGetsExactlyTheNewlyFailingFindingsOnce() {
        long run = twoRunsWithNewFailures();
        NewFailureAlerts alerts = alertsTo(hook());

        alerts.afterScoring(104);
        alerts.afterScoring(104); // the same run again: already announced

        assertThat(bodies).hasSize(1);
        String body = bodies.getFirst();
        assertThat(JsonMapper.builder().build().readTree(body).get("text").asString())
                .isEqualTo("2026Q3: 2 findings newly FAIL (R1.1 1, R2.1 1)");
        String text = subjects(body);
        assertThat(text).contains("CHANGE CHG-2: reason of CHG-2", "CHANGE CHG-3: reason of CHG-3");
        assertThat(text).doesNotContain("CHG-1", "CHG-4");
        var delivery = dsl.selectFrom(ALERT_DELIVERY).fetchSingle();
        assertThat(delivery.getScoringRunId()).isEqualTo(run);
        assertThat(delivery.getStatus()).isEqualTo("SENT");
        assertThat(delivery.getFindingsCount()).isEqualTo(2L);
        assertThat(delivery.getWebhookOrigin()).doesNotContain("secret-token");
    }

    @Test
    void aReceiverThatAnswers500ThenGetsTheAlertOnRetry() {
        twoRunsWithNewFailures();
        failuresLeft.set(1);

        alertsTo(hook()).afterScoring(104);

        assertThat(requests.get()).isEqualTo(2);
        assertThat(bodies).hasSize(1);
        var delivery = dsl.selectFrom(ALERT_DELIVERY).fetchSingle();
        assertThat(delivery.getStatus()).isEqualTo("SENT");
        assertThat(delivery.getAttempts()).isEqualTo(2);
    }

    @Test
    void aReceiverThatIsDownDoesNotFailTheRunAndIsRecorded() throws IOException {
        twoRunsWithNewFailures();
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        alertsTo(URI.create("http://127.0.0.1:" + closedPort + "/hook")).afterScoring(104);

        var delivery = dsl.selectFrom(ALERT_DELIVERY).fetchSingle();
        assertThat(delivery.getStatus()).isEqualTo("FAILED");
        assertThat(delivery.getAttempts()).isEqualTo(3);
        assertThat(delivery.getErrorMessage()).contains("ConnectException");
    }

    @Test
    void thePeriodsFirstRunAnnouncesEveryFailureAndARunWithoutNewOnesPostsNothing() {
        long first = scoringRun("2026Q4", "COMPLETED", 201);
        finding(first, "R3.1", "INC-1", "FAIL");
        long second = scoringRun("2026Q4", "COMPLETED", 202);
        finding(second, "R3.1", "INC-1", "FAIL");
        NewFailureAlerts alerts = alertsTo(hook());

        alerts.afterScoring(201);
        alerts.afterScoring(202);

        assertThat(bodies).hasSize(1);
        assertThat(subjects(bodies.getFirst())).contains("INC-1").contains("the period's first run");
    }
}
