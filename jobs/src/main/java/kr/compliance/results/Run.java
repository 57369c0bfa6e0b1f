package kr.compliance.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import kr.compliance.store.Quarter;

/**
 * One scoring run as its readers see it: what it judged (period, as-of, the evidence up to load
 * {@code evidenceLoadId}, the policy) and where it stands.
 *
 * @param previousRunId the previous quarter's run it compares with, fixed when it was scored
 * @param baselineSubmissionId its own period's submission when it was scored, which its pack's
 *     "Changes since the submission" compares with
 */
public record Run(
        long runId,
        Quarter period,
        Instant periodStart,
        Instant periodEnd,
        ZoneId zone,
        Instant asOf,
        long evidenceLoadId,
        String policyVersion,
        String policySha256,
        Long previousRunId,
        Long baselineSubmissionId,
        RunState state,
        Instant startedAt,
        Instant finishedAt,
        Long jobExecutionId,
        String errorMessage) {

    /** The as-of in the run's report zone, as a reader of the report zone states it (pages). */
    @JsonIgnore
    public ZonedDateTime asOfInZone() {
        return asOf.atZone(zone);
    }
}
