package kr.compliance.scoring.controls;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import kr.compliance.scoring.policy.Policy;
import kr.compliance.store.TextKeys;

/**
 * A change as a scoring run sees it: approvals after as-of already removed, its tests that had
 * finished by as-of, and the freeze incident open on its data centre when it started, if any.
 */
public record ChangeFacts(
        String changeId,
        String changeType,
        String scale,
        boolean destructive,
        String requestedBy,
        String approvedBy,
        Instant approvedAt,
        Instant windowStart,
        Instant windowEnd,
        Instant startedAt,
        Instant endedAt,
        String rollbackPlan,
        String dataCenter,
        List<TestFact> tests,
        OpenIncident openIncident) {

    /** A test run of the change. */
    public record TestFact(String testRunId, String result, BigDecimal envParity, String scope, Instant finishedAt) {}

    /** A freeze-severity incident open on the change's data centre at its start. */
    public record OpenIncident(String incidentId, String severity, String dataCenter, Instant startedAt) {}

    public boolean isEmergency() {
        return "EMERGENCY".equals(changeType);
    }

    /** Pre-test scope: the policy's change types, plus every MAJOR change. */
    public boolean needsPretest(Policy policy) {
        return policy.pretestTypes().contains(changeType) || "MAJOR".equals(scale);
    }

    /** Major work: the policy's scales, plus its change types (every EMERGENCY change by default). */
    public boolean isMajorWork(Policy policy) {
        return policy.majorScales().contains(scale) || policy.majorTypes().contains(changeType);
    }

    /**
     * Qualifying pre-tests: runs of this change with result PASSED that finished no earlier than the
     * policy's maximum test age before the start, and no later than the start.
     */
    public List<TestFact> qualifyingTests(Policy policy) {
        Instant earliest = startedAt.minus(policy.maxTestAge());
        return tests.stream()
                .filter(test -> "PASSED".equals(test.result()))
                .filter(test -> !test.finishedAt().isBefore(earliest)
                        && !test.finishedAt().isAfter(startedAt))
                .toList();
    }

    public boolean approvedBySomeoneElse() {
        return !TextKeys.isBlank(approvedBy) && !TextKeys.key(approvedBy).equals(TextKeys.key(requestedBy));
    }
}
