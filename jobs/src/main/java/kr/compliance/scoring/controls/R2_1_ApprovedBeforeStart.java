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
        // an emergency change's approval is due within the grace, any other's before its start;
        // the outcome below completes the code
        String prefix = change.isEmergency() ? "R2.1.emergency." : "R2.1.";
        Reason due = Reason.of(prefix)
                .with("started", judging.time(change.startedAt()))
                .with("grace", grace)
                .with("deadline", judging.time(deadline));
        if (TextKeys.isBlank(change.approvedBy())) {
            return Optional.of(
                    change.isEmergency() && judging.stillOpen(deadline)
                            ? Verdict.pending(due.as(prefix + "not-approved-yet"), List.of())
                            : Verdict.fail(due.as(prefix + "no-approval"), List.of()));
        }
        Reason approver = due.with("approver", change.approvedBy().strip());
        if (!change.approvedBySomeoneElse()) {
            return Optional.of(Verdict.fail(approver.as(prefix + "self-approved"), List.of()));
        }
        if (change.approvedAt() == null) {
            return Optional.of(Verdict.fail(approver.as(prefix + "no-approval-time"), List.of()));
        }
        Reason approval = approver.with("approved", judging.time(change.approvedAt()));
        if (!change.approvedAt().isAfter(deadline)) {
            return Optional.of(Verdict.pass(approval.as(prefix + "approved"), List.of()));
        }
        return Optional.of(Verdict.fail(
                approval.with("late", Duration.between(change.startedAt(), change.approvedAt()))
                        .as(prefix + "approved-late"),
                List.of()));
    }
}
