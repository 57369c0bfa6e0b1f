package kr.compliance.scoring.controls;

import java.util.List;
import java.util.Optional;

/** R4.1 DETECTED_BY_MONITORING. Subject: every INCIDENT. PASS when {@code detection_source = MONITORING}. */
public final class R4_1_DetectedByMonitoring implements Control<IncidentFacts> {

    @Override
    public String id() {
        return "R4.1";
    }

    @Override
    public Optional<Verdict> judge(IncidentFacts incident, Judging judging) {
        return Optional.of(
                "MONITORING".equals(incident.detectionSource())
                        ? Verdict.pass(Reason.of("R4.1.monitoring"), List.of())
                        : Verdict.fail(
                                Reason.of("R4.1.not-monitoring").with("source", incident.detectionSource()),
                                List.of()));
    }
}
