package kr.compliance.schedule;

import static kr.compliance.store.jooq.Tables.ALERT_DELIVERY;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.compliance.results.Run;
import kr.compliance.results.ScoringResults;
import kr.compliance.schedule.WebhookSender.Deliveries;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * After a scoring run: the findings that are {@code FAIL} in it but were not {@code FAIL} in the
 * previous completed run of the same period, grouped by control, posted to every configured webhook.
 * One delivery per run and webhook (a unique key), so a finding is announced once; a webhook that
 * stays down is recorded in {@code alert_delivery} and logged, and never fails the run.
 */
@Component
class NewFailureAlerts {

    static final String SENT = "SENT";
    static final String FAILED = "FAILED";

    private final DSLContext dsl;
    private final ScoringResults results;
    private final AlertProperties properties;
    private final WebhookSender sender;
    private final SubmissionDriftAlerts drift;

    NewFailureAlerts(
            DSLContext dsl,
            ScoringResults results,
            AlertProperties properties,
            WebhookSender sender,
            SubmissionDriftAlerts drift) {
        this.drift = drift;
        this.dsl = dsl;
        this.results = results;
        this.properties = properties;
        this.sender = sender;
    }

    /**
     * Announces the new failures of the scoring run that Batch execution {@code jobExecutionId}
     * made, and returns that run's id.
     */
    long afterScoring(long jobExecutionId) {
        Run run = results.runOfExecution(jobExecutionId)
                .filter(made -> made.state().completed())
                .orElseThrow(() -> new ScheduleException("scoring execution " + jobExecutionId
                        + " completed but left no completed scoring run; alerts cannot be worked out"));
        if (!properties.webhooks().isEmpty()) {
            announce(run);
        }
        drift.afterScoring(run);
        return run.runId();
    }

    /** Announces the new failures of one scoring run to every webhook that has not had them yet. */
    private void announce(Run run) {
        NewFailures failures = newFailures(run);
        if (failures.total() == 0) {
            return;
        }
        String period = run.period().toString();
        String body = SlackMessage.of(period, failures, properties.listedPerControl());
        sender.postToEach("alert for " + period + " (scoring run " + run.runId() + ")", body, new Deliveries() {
            @Override
            public boolean tried(String webhookKey) {
                return dsl.fetchExists(
                        ALERT_DELIVERY,
                        ALERT_DELIVERY
                                .SCORING_RUN_ID
                                .eq(run.runId())
                                .and(ALERT_DELIVERY.WEBHOOK_SHA256.eq(webhookKey)));
            }

            @Override
            public void record(URI webhook, String webhookKey, WebhookSender.Outcome outcome) {
                dsl.insertInto(ALERT_DELIVERY)
                        .set(ALERT_DELIVERY.SCORING_RUN_ID, run.runId())
                        .set(ALERT_DELIVERY.PERIOD, period)
                        .set(ALERT_DELIVERY.WEBHOOK_ORIGIN, WebhookSender.origin(webhook))
                        .set(ALERT_DELIVERY.WEBHOOK_SHA256, webhookKey)
                        .set(ALERT_DELIVERY.FINDINGS_COUNT, failures.total())
                        .set(ALERT_DELIVERY.STATUS, outcome.delivered() ? SENT : FAILED)
                        .set(ALERT_DELIVERY.ATTEMPTS, outcome.attempts())
                        .set(ALERT_DELIVERY.ERROR_MESSAGE, Messages.clip(outcome.error()))
                        .set(ALERT_DELIVERY.CREATED_AT, Instant.now())
                        .execute();
            }
        });
    }

    /**
     * The run's {@code FAIL} findings that were not {@code FAIL} in the period's previous completed
     * run, keeping per control a count and the first few subjects only (a quarter may hold a great many).
     */
    private NewFailures newFailures(Run run) {
        Long previous = results.completedRunBefore(run).orElse(null);
        Map<String, NewFailures.Control> controls = new LinkedHashMap<>();
        results.eachNewFailure(
                run,
                previous,
                finding -> controls.computeIfAbsent(
                                finding.controlId(), id -> new NewFailures.Control(id, properties.listedPerControl()))
                        .add(new NewFailures.Finding(finding.subjectType(), finding.subjectId(), finding.reason())));
        return new NewFailures(run.runId(), previous, List.copyOf(controls.values()));
    }
}
