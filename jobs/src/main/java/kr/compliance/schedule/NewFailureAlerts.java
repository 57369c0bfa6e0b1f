package kr.compliance.schedule;

import static kr.compliance.store.jooq.Tables.ALERT_DELIVERY;
import static kr.compliance.store.jooq.Tables.FINDING;
import static kr.compliance.store.jooq.Tables.SCORING_RUN;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After a scoring run: the findings that are {@code FAIL} in it but were not {@code FAIL} in the
 * previous completed run of the same period, grouped by control, posted to every configured webhook.
 * One delivery per run and webhook (a unique key), so a finding is announced once; a webhook that
 * stays down is recorded in {@code alert_delivery} and logged, and never fails the run.
 */
@Component
class NewFailureAlerts {

    static final String COMPLETED = "COMPLETED";
    static final String FAIL = "FAIL";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";

    private static final Logger log = LoggerFactory.getLogger(NewFailureAlerts.class);

    private final DSLContext dsl;
    private final AlertProperties properties;
    private final WebhookSender sender;

    NewFailureAlerts(DSLContext dsl, AlertProperties properties, WebhookSender sender) {
        this.dsl = dsl;
        this.properties = properties;
        this.sender = sender;
    }

    /** Announces the new failures of the scoring run that Batch execution {@code jobExecutionId} made. */
    void afterScoring(long jobExecutionId) {
        if (properties.webhooks().isEmpty()) {
            return;
        }
        Record2<Long, String> run = dsl.select(SCORING_RUN.RUN_ID, SCORING_RUN.PERIOD)
                .from(SCORING_RUN)
                .where(SCORING_RUN.JOB_EXECUTION_ID.eq(jobExecutionId))
                .and(SCORING_RUN.STATUS.eq(COMPLETED))
                .fetchOne();
        if (run == null) {
            throw new ScheduleException("scoring execution " + jobExecutionId
                    + " completed but left no completed scoring_run row; alerts cannot be worked out");
        }
        announce(run.value1(), run.value2());
    }

    /** Announces the new failures of one scoring run to every webhook that has not had them yet. */
    void announce(long runId, String period) {
        NewFailures failures = newFailures(runId, period);
        if (failures.total() == 0) {
            return;
        }
        String body = SlackMessage.of(period, failures, properties.listedPerControl());
        for (URI webhook : properties.webhooks()) {
            String key = sha256(webhook.toString());
            if (alreadyDelivered(runId, key)) {
                continue;
            }
            WebhookSender.Outcome outcome = sender.post(webhook, body);
            if (!outcome.delivered()) {
                log.warn(
                        "alert for {} (scoring run {}) could not be posted to {} after {} attempts: {}",
                        period,
                        runId,
                        origin(webhook),
                        outcome.attempts(),
                        outcome.error());
            }
            record(runId, period, webhook, key, failures.total(), outcome);
        }
    }

    /** The previous completed run of the period before {@code runId}, if any. */
    Optional<Long> previousRun(long runId, String period) {
        return dsl.select(DSL.max(SCORING_RUN.RUN_ID))
                .from(SCORING_RUN)
                .where(SCORING_RUN.PERIOD.eq(period))
                .and(SCORING_RUN.STATUS.eq(COMPLETED))
                .and(SCORING_RUN.RUN_ID.lt(runId))
                .fetchOptional(0, Long.class);
    }

    /**
     * Streams the run's {@code FAIL} findings that were not {@code FAIL} before, keeping per control a
     * count and the first few subjects only (a quarter may hold a great many).
     */
    NewFailures newFailures(long runId, String period) {
        Optional<Long> previous = previousRun(runId, period);
        var earlier = FINDING.as("earlier");
        var condition = FINDING.RUN_ID.eq(runId).and(FINDING.STATUS.eq(FAIL));
        if (previous.isPresent()) {
            condition = condition.andNotExists(DSL.selectOne()
                    .from(earlier)
                    .where(earlier.RUN_ID.eq(previous.get()))
                    .and(earlier.CONTROL_ID.eq(FINDING.CONTROL_ID))
                    .and(earlier.SUBJECT_ID.eq(FINDING.SUBJECT_ID))
                    .and(earlier.STATUS.eq(FAIL)));
        }
        Map<String, NewFailures.Control> controls = new LinkedHashMap<>();
        try (var rows = dsl.select(FINDING.CONTROL_ID, FINDING.SUBJECT_TYPE, FINDING.SUBJECT_ID, FINDING.REASON)
                .from(FINDING)
                .where(condition)
                .orderBy(FINDING.CONTROL_ID, FINDING.SUBJECT_ID)
                .fetchSize(Integer.MIN_VALUE)
                .fetchLazy()) {
            for (var row : rows) {
                controls.computeIfAbsent(row.value1(), id -> new NewFailures.Control(id, properties.listedPerControl()))
                        .add(new NewFailures.Finding(row.value2(), row.value3(), row.value4()));
            }
        }
        return new NewFailures(
                runId, previous.orElse(null), controls.values().stream().toList());
    }

    private boolean alreadyDelivered(long runId, String webhookKey) {
        return dsl.fetchExists(
                ALERT_DELIVERY,
                ALERT_DELIVERY.SCORING_RUN_ID.eq(runId).and(ALERT_DELIVERY.WEBHOOK_SHA256.eq(webhookKey)));
    }

    private void record(
            long runId, String period, URI webhook, String key, long findings, WebhookSender.Outcome outcome) {
        dsl.insertInto(ALERT_DELIVERY)
                .set(ALERT_DELIVERY.SCORING_RUN_ID, runId)
                .set(ALERT_DELIVERY.PERIOD, period)
                .set(ALERT_DELIVERY.WEBHOOK_ORIGIN, origin(webhook))
                .set(ALERT_DELIVERY.WEBHOOK_SHA256, key)
                .set(ALERT_DELIVERY.FINDINGS_COUNT, findings)
                .set(ALERT_DELIVERY.STATUS, outcome.delivered() ? SENT : FAILED)
                .set(ALERT_DELIVERY.ATTEMPTS, outcome.attempts())
                .set(ALERT_DELIVERY.ERROR_MESSAGE, Messages.clip(outcome.error()))
                .set(ALERT_DELIVERY.CREATED_AT, Instant.now())
                .execute();
    }

    /** The scheme, host and port of a webhook: enough to tell which one, without its secret path. */
    static String origin(URI webhook) {
        return webhook.getScheme() + "://" + webhook.getHost()
                + (webhook.getPort() >= 0 ? ":" + webhook.getPort() : "");
    }

    private static String sha256(String text) {
        return DigestUtils.sha256Hex(text);
    }
}
