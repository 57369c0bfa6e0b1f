package kr.compliance.scoring.controls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kr.compliance.store.TextKeys;

/**
 * R3.3 COMMANDER_ASSIGNED. Subject: INCIDENT of severity {@code SEV1}, {@code SEV2}
 * [r3.commander-severities]. PASS when {@code commander} is not blank and
 * {@code commander_assigned_at - detected_at <= 15 min} [r3.commander-within]; no commander yet
 * while that deadline is after as-of: PENDING.
 */
public final class R3_3_CommanderAssigned implements Control<IncidentFacts> {

    @Override
    public String id() {
        return "R3.3";
    }

    @Override
    public Optional<Verdict> judge(IncidentFacts incident, Judging judging) {
        if (!judging.policy().commanderSeverities().contains(incident.severity())) {
            return Optional.empty();
        }
        Duration within = judging.policy().commanderWithin();
        Instant deadline = incident.detectedAt().plus(within);
        String due = "a commander is due within " + Judging.duration(within) + " of detection ("
                + judging.time(incident.detectedAt()) + ")";
        if (TextKeys.isBlank(incident.commander()) || incident.commanderAssignedAt() == null) {
            String missing = TextKeys.isBlank(incident.commander())
                    ? "no commander assigned"
                    : "commander " + incident.commander().strip() + " named without an assignment time";
            return Optional.of(
                    judging.stillOpen(deadline)
                            ? Verdict.pending(missing + " yet; " + due, List.of())
                            : Verdict.fail(missing + "; " + due, List.of()));
        }
        Duration taken = Duration.between(incident.detectedAt(), incident.commanderAssignedAt());
        String assigned = "commander " + incident.commander().strip() + " assigned "
                + judging.time(incident.commanderAssignedAt()) + ", " + Judging.duration(taken) + " after detection";
        return Optional.of(
                taken.compareTo(within) <= 0
                        ? Verdict.pass(assigned, List.of())
                        : Verdict.fail(assigned + " (> " + Judging.duration(within) + ")", List.of()));
    }
}
