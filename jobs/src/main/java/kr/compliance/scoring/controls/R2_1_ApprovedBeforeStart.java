package kr.compliance.scoring.controls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kr.compliance.store.TextKeys;

/**
 * R2.1 APPROVED_BEFORE_START. Subject: CHANGE that is major work. PASS when {@code approved_by} is
 * not blank, differs from {@code requested_by} (trimmed, case-insensitive), and
 * {@code approved_at <= started_at}; an {@code EMERGENCY} change may be approved up to 24 h after
 * {@code started_at} [r2.emergency-approval-grace]. An emergency change not yet approved while its
 * grace runs past as-of is PENDING.
 */
public final class R2_1_ApprovedBeforeStart implements Control<ChangeFacts> {

    @Override
    public String id() {
        return "R2.1";
    }

    @Override
    public Optional<Verdict> judge(ChangeFacts change, Judging judging) {
        if (!change.isMajorWork(judging.policy())) {
            return Optional.empty();
        }
        Duration grace = change.isEmergency() ? judging.policy().emergencyApprovalGrace() : Duration.ZERO;
        Instant deadline = change.startedAt().plus(grace);
        String due = change.isEmergency()
                ? "approval due within " + Judging.duration(grace) + " of start, by " + judging.time(deadline)
                : "approval due before start (" + judging.time(change.startedAt()) + ")";
        if (TextKeys.isBlank(change.approvedBy())) {
            return Optional.of(
                    change.isEmergency() && judging.stillOpen(deadline)
                            ? Verdict.pending("emergency change not approved yet; " + due, List.of())
                            : Verdict.fail("no approval recorded; " + due, List.of()));
        }
        if (!change.approvedBySomeoneElse()) {
            return Optional.of(Verdict.fail(
                    "approved by its own requester (" + change.approvedBy().strip() + "); " + due, List.of()));
        }
        if (change.approvedAt() == null) {
            return Optional.of(Verdict.fail(
                    "approver " + change.approvedBy().strip() + " named but no approval time recorded; " + due,
                    List.of()));
        }
        String approval = "approved by " + change.approvedBy().strip() + " at " + judging.time(change.approvedAt());
        if (!change.approvedAt().isAfter(deadline)) {
            return Optional.of(Verdict.pass(approval + ", " + due, List.of()));
        }
        return Optional.of(Verdict.fail(
                approval + ", " + Judging.duration(Duration.between(change.startedAt(), change.approvedAt()))
                        + " after start; " + due,
                List.of()));
    }
}
