package kr.compliance.results;

import java.time.Instant;

/** A row of the submission ledger: which run of a period was sent, by whom and when. */
public record Submission(long submissionId, long runId, String submittedBy, Instant submittedAt) {}
