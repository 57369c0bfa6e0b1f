package kr.compliance.scoring.controls;

import java.util.List;
import java.util.Optional;

/**
 * R2.2 WITHIN_WINDOW. Subject: CHANGE that is major work except {@code EMERGENCY}, and every change
 * that gives {@code window_start} or {@code window_end}. PASS when both are given,
 * {@code window_start <= started_at <= window_end}, and {@code ended_at} is empty or
 * {@code <= window_end}.
 */
public final class R2_2_WithinWindow implements Control<ChangeFacts> {

    @Override
    public String id() {
        return "R2.2";
    }

    @Override
    public Optional<Verdict> judge(ChangeFacts change, Judging judging) {
        boolean givesWindow = change.windowStart() != null || change.windowEnd() != null;
        boolean plannedMajorWork = change.isMajorWork(judging.policy()) && !change.isEmergency();
        if (!givesWindow && !plannedMajorWork) {
            return Optional.empty();
        }
        if (change.windowStart() == null || change.windowEnd() == null) {
            return Optional.of(Verdict.fail(
                    "no approved work window: "
                            + (change.windowStart() == null && change.windowEnd() == null
                                    ? "window_start and window_end are empty"
                                    : (change.windowStart() == null ? "window_start" : "window_end") + " is empty"),
                    List.of()));
        }
        String window = "window " + judging.time(change.windowStart()) + " to " + judging.time(change.windowEnd());
        if (change.startedAt().isBefore(change.windowStart())) {
            return Optional.of(
                    Verdict.fail("started " + judging.time(change.startedAt()) + ", before its " + window, List.of()));
        }
        if (change.startedAt().isAfter(change.windowEnd())) {
            return Optional.of(
                    Verdict.fail("started " + judging.time(change.startedAt()) + ", after its " + window, List.of()));
        }
        if (change.endedAt() != null && change.endedAt().isAfter(change.windowEnd())) {
            return Optional.of(
                    Verdict.fail("ended " + judging.time(change.endedAt()) + ", after its " + window, List.of()));
        }
        return Optional.of(Verdict.pass(
                "started and " + (change.endedAt() == null ? "not yet ended" : "ended") + " within its " + window,
                List.of()));
    }
}
