package kr.compliance.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import kr.compliance.results.Run;
import kr.compliance.results.RunState;
import kr.compliance.results.ScoreRow;

/** One run of {@code GET /api/periods/{p}/runs}: what it judged, where it stands, and its scores. */
record RunSummary(
        @JsonProperty("run_id") long runId,
        String period,
        RunState state,
        @JsonProperty("as_of") Instant asOf,
        @JsonProperty("evidence_load_id") long evidenceLoadId,
        @JsonProperty("policy_version") String policyVersion,
        @JsonProperty("previous_run_id") Long previousRunId,
        @JsonProperty("finished_at") Instant finishedAt,
        List<ScoreRow> scores) {

    static RunSummary of(Run run, List<ScoreRow> scores) {
        return new RunSummary(
                run.runId(),
                run.period().toString(),
                run.state(),
                run.asOf(),
                run.evidenceLoadId(),
                run.policyVersion(),
                run.previousRunId(),
                run.finishedAt(),
                scores);
    }
}
