package kr.compliance.schedule;

import static kr.compliance.store.jooq.Tables.SUBMISSION_DRIFT_ALERT;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import kr.compliance.results.Restatement;
import kr.compliance.results.Run;
import kr.compliance.results.RunDiff;
import kr.compliance.results.RunDiffs;
import kr.compliance.results.ScoringResults;
import kr.compliance.results.Submission;
import kr.compliance.schedule.WebhookSender.Deliveries;
import org.apache.commons.codec.digest.DigestUtils;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * After a scoring run of a period that has a submission: when the run differs from what was
 * submitted, and the difference is one not announced yet, every webhook gets one line ("2026Q3 now
 * differs from its submission of 2026-10-10: 3 findings changed, R1 70.6 -> 73.5"). A difference
 * is identified by its changed findings (control, subject, status and reason after) and restated
 * scores, so the next night's identical difference is not sent again; a new one is.
 */
@Component
class SubmissionDriftAlerts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DSLContext dsl;
    private final ScoringResults results;
    private final RunDiffs diffs;
    private final AlertProperties properties;
    private final WebhookSender sender;

    SubmissionDriftAlerts(
            DSLContext dsl, ScoringResults results, RunDiffs diffs, AlertProperties properties, WebhookSender sender) {
        this.dsl = dsl;
        this.results = results;
        this.diffs = diffs;
        this.properties = properties;
        this.sender = sender;
    }

    /** Announces how {@code run} differs from its period's submission, if it does and that is news. */
    void afterScoring(Run run) {
        if (properties.webhooks().isEmpty()) {
            return;
        }
        Submission submission = results.currentSubmission(run.period()).orElse(null);
        if (submission == null || submission.runId() == run.runId()) {
            return;
        }
        RunDiff diff = diffs.diff(run.period(), submission.runId(), run.runId());
        StringBuilder identity = new StringBuilder();
        long[] changed = {0};
        diffs.eachChange(diff, change -> {
            changed[0]++;
            identity.append(change.controlId())
                    .append('|')
                    .append(change.subjectId())
                    .append('|')
                    .append(change.statusAfter())
                    .append('|')
                    .append(
                            change.reasonAfter() == null
                                    ? null
                                    : change.reasonAfter().text())
                    .append('\n');
        });
        diff.requirements().forEach(r -> identity.append(r).append('\n'));
        if (changed[0] == 0 && diff.requirements().stream().allMatch(SubmissionDriftAlerts::unchanged)) {
            return;
        }
        String differenceKey = DigestUtils.sha256Hex(identity.toString());
        String text = text(run, submission, changed[0], diff);
        String body = JSON.writeValueAsString(Map.of("text", text));
        sender.postToEach(
                "drift alert for " + run.period() + " (scoring run " + run.runId() + ")", body, new Deliveries() {
                    @Override
                    public boolean tried(String webhookKey) {
                        return dsl.fetchExists(
                                SUBMISSION_DRIFT_ALERT,
                                SUBMISSION_DRIFT_ALERT
                                        .SUBMISSION_ID
                                        .eq(submission.submissionId())
                                        .and(SUBMISSION_DRIFT_ALERT.WEBHOOK_SHA256.eq(webhookKey))
                                        .and(SUBMISSION_DRIFT_ALERT.DIFFERENCE_SHA256.eq(differenceKey)));
                    }

                    @Override
                    public void record(URI webhook, String webhookKey, WebhookSender.Outcome outcome) {
                        dsl.insertInto(SUBMISSION_DRIFT_ALERT)
                                .set(SUBMISSION_DRIFT_ALERT.SUBMISSION_ID, submission.submissionId())
                                .set(SUBMISSION_DRIFT_ALERT.SCORING_RUN_ID, run.runId())
                                .set(SUBMISSION_DRIFT_ALERT.WEBHOOK_ORIGIN, WebhookSender.origin(webhook))
                                .set(SUBMISSION_DRIFT_ALERT.WEBHOOK_SHA256, webhookKey)
                                .set(SUBMISSION_DRIFT_ALERT.DIFFERENCE_SHA256, differenceKey)
                                .set(SUBMISSION_DRIFT_ALERT.FINDINGS_CHANGED, changed[0])
                                .set(SUBMISSION_DRIFT_ALERT.STATUS, outcome.delivered() ? "SENT" : "FAILED")
                                .set(SUBMISSION_DRIFT_ALERT.ATTEMPTS, outcome.attempts())
                                .set(SUBMISSION_DRIFT_ALERT.ERROR_MESSAGE, Messages.clip(outcome.error()))
                                .set(SUBMISSION_DRIFT_ALERT.CREATED_AT, Instant.now())
                                .execute();
                    }
                });
    }

    private static boolean unchanged(Restatement r) {
        return r.reported() == null ? r.restated() == null : r.reported().equals(r.restated());
    }

    /** {@code 2026Q3 now differs from its submission of 2026-10-10: 3 findings changed, R1 70.6 -> 73.5}. */
    static String text(Run run, Submission submission, long changed, RunDiff diff) {
        ZoneId zone = run.zone();
        StringBuilder text = new StringBuilder()
                .append(run.period())
                .append(" now differs from its submission of ")
                .append(submission.submittedAt().atZone(zone).toLocalDate())
                .append(" (run ")
                .append(submission.runId())
                .append(", now run ")
                .append(run.runId())
                .append("): ")
                .append(changed)
                .append(changed == 1 ? " finding changed" : " findings changed");
        for (Restatement r : diff.requirements()) {
            if (!unchanged(r)) {
                text.append(", ")
                        .append(r.requirement())
                        .append(' ')
                        .append(r.reported() == null ? "-" : r.reported().toPlainString())
                        .append(" -> ")
                        .append(r.restated() == null ? "-" : r.restated().toPlainString());
            }
        }
        return text.toString();
    }
}
