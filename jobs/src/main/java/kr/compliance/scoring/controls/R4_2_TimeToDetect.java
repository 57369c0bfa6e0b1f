package kr.compliance.scoring.controls;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * R4.2 TIME_TO_DETECT. Subject: every INCIDENT. PASS when
 * {@code detected_at - started_at <= 5 min} [r4.detect-within].
 */
public final class R4_2_TimeToDetect implements Control<IncidentFacts> {

    @Override
    public String id() {
        return "R4.2";
    }

    @Override
    public Optional<Verdict> judge(IncidentFacts incident, Judging judging) {
        Duration taken = Duration.between(incident.startedAt(), incident.detectedAt());
        Duration limit = judging.policy().detectWithin();
        Reason detected = Reason.of("R4.2.")
                .with("detected", judging.time(incident.detectedAt()))
                .with("taken", taken)
                .with("limit", limit);
        return Optional.of(
                taken.compareTo(limit) <= 0
                        ? Verdict.pass(detected.as("R4.2.in-time"), List.of())
                        : Verdict.fail(detected.as("R4.2.late"), List.of()));
    }
}
