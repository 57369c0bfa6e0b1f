package kr.compliance.scoring.controls;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * R5.3 ACTION_ITEM_CLOSED. Subject: every ACTION_ITEM due in the period. PASS when
 * {@code closed_at <= due_at}; not closed and {@code due_at} after as-of: PENDING.
 */
public final class R5_3_ActionItemClosed implements Control<ActionItemFacts> {

    @Override
    public String id() {
        return "R5.3";
    }

    @Override
    public Optional<Verdict> judge(ActionItemFacts item, Judging judging) {
        List<String> evidence = List.of(item.postmortemId());
        Reason due = Reason.of("R5.3.").with("due", judging.time(item.dueAt()));
        if (item.closedAt() == null) {
            return Optional.of(
                    judging.stillOpen(item.dueAt())
                            ? Verdict.pending(due.as("R5.3.open"), evidence)
                            : Verdict.fail(due.as("R5.3.not-closed"), evidence));
        }
        Reason closed = due.with("closed", judging.time(item.closedAt()));
        return Optional.of(
                item.closedAt().isAfter(item.dueAt())
                        ? Verdict.fail(
                                closed.with("late", Duration.between(item.dueAt(), item.closedAt()))
                                        .as("R5.3.closed-late"),
                                evidence)
                        : Verdict.pass(closed.as("R5.3.closed"), evidence));
    }
}
