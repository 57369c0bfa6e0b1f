package kr.compliance.scoring.controls;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import kr.compliance.scoring.policy.Policy;

/**
 * An incident as a scoring run sees it: resolution, closing and the commander's assignment after
 * as-of already removed, and only the notices, postmortem and runbook review that existed by then.
 */
public record IncidentFacts(
        String incidentId,
        String severity,
        String incidentType,
        Instant startedAt,
        Instant detectedAt,
        Instant resolvedAt,
        BigDecimal usersAffectedPct,
        String detectionSource,
        String commander,
        Instant commanderAssignedAt,
        RunbookReview latestReview,
        FirstPostmortem firstPostmortem,
        List<Notice> notices) {

    /** The latest review, at or before the incident's start, of a runbook for its type. */
    public record RunbookReview(String runbookId, String version, Instant reviewedAt) {}

    /** The incident's earliest postmortem published by as-of. */
    public record FirstPostmortem(String postmortemId, Instant publishedAt) {}

    /** A notification published by as-of. */
    public record Notice(String notificationId, String channel, String kind, Instant publishedAt) {}

    /** User-impacting: at least the policy's share of users affected, or SEV1. */
    public boolean isUserImpacting(Policy policy) {
        return "SEV1".equals(severity) || usersAffectedPct.compareTo(policy.minAffectedPct()) >= 0;
    }
}
