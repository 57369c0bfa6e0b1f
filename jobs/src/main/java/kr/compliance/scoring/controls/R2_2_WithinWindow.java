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
            String code = change.windowStart() == null && change.windowEnd() == null
                    ? "R2.2.no-window"
                    : change.windowStart() == null ? "R2.2.no-window-start" : "R2.2.no-window-end";
            return Optional.of(Verdict.fail(Reason.of(code), List.of()));
        }
        Reason window = Reason.of("R2.2.")
                .with("windowStart", judging.time(change.windowStart()))
                .with("windowEnd", judging.time(change.windowEnd()));
        Reason started = window.with("started", judging.time(change.startedAt()));
        if (change.startedAt().isBefore(change.windowStart())) {
            return Optional.of(Verdict.fail(started.as("R2.2.started-before"), List.of()));
        }
        if (change.startedAt().isAfter(change.windowEnd())) {
            return Optional.of(Verdict.fail(started.as("R2.2.started-after"), List.of()));
        }
        if (change.endedAt() == null) {
            return Optional.of(Verdict.pass(started.as("R2.2.within-not-ended"), List.of()));
        }
        Reason ended = started.with("ended", judging.time(change.endedAt()));
        return Optional.of(
                change.endedAt().isAfter(change.windowEnd())
                        ? Verdict.fail(ended.as("R2.2.ended-after"), List.of())
                        : Verdict.pass(ended.as("R2.2.within"), List.of()));
    }
}
