package kr.compliance.scoring.controls;

import java.util.List;
import java.util.Optional;

/**
 * R2.3 NO_CHANGE_DURING_OPEN_INCIDENT. Subject: every CHANGE except {@code EMERGENCY}. PASS when no
 * incident of severity {@code SEV1} or {@code SEV2} [r2.freeze-severities] on the same
 * {@code data_center} is open at {@code started_at}. For this control an incident is open on
 * {@code [started_at, closed_at)}, where {@code closed_at} falls back to {@code resolved_at} when
 * blank [r2.freeze-until], and an incident with neither is open still. The search for that incident
 * is done before the rule runs (the scoring package's {@code FreezeSpans}, from the freeze incidents
 * read in SQL); this rule words the outcome.
 */
public final class R2_3_NoChangeDuringOpenIncident implements Control<ChangeFacts> {

    @Override
    public String id() {
        return "R2.3";
    }

    @Override
    public Optional<Verdict> judge(ChangeFacts change, Judging judging) {
        if (change.isEmergency()) {
            return Optional.empty();
        }
        ChangeFacts.OpenIncident incident = change.openIncident();
        if (incident == null) {
            return Optional.of(Verdict.pass(
                    Reason.of("R2.3.no-open-incident")
                            .with(
                                    "severities",
                                    judging.policy().freezeSeverities().stream()
                                            .sorted()
                                            .toList())
                            .with("dataCenter", change.dataCenter())
                            .with("started", judging.time(change.startedAt())),
                    List.of()));
        }
        return Optional.of(Verdict.fail(
                Reason.of("R2.3.open-incident")
                        .with("severity", incident.severity())
                        .with("incident", incident.incidentId())
                        .with("dataCenter", incident.dataCenter())
                        .with("since", judging.time(incident.startedAt()))
                        .with("started", judging.time(change.startedAt())),
                List.of(incident.incidentId())));
    }
}
