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
        Reason due = Reason.of("R3.3.").with("within", within).with("detected", judging.time(incident.detectedAt()));
        if (TextKeys.isBlank(incident.commander()) || incident.commanderAssignedAt() == null) {
            Reason missing = TextKeys.isBlank(incident.commander())
                    ? due.as("R3.3.no-commander")
                    : due.with("commander", incident.commander().strip()).as("R3.3.no-assignment-time");
            return Optional.of(
                    judging.stillOpen(deadline)
                            ? Verdict.pending(missing.as(missing.code() + "-yet"), List.of())
                            : Verdict.fail(missing, List.of()));
        }
        Duration taken = Duration.between(incident.detectedAt(), incident.commanderAssignedAt());
        Reason assigned = due.with("commander", incident.commander().strip())
                .with("assigned", judging.time(incident.commanderAssignedAt()))
                .with("taken", taken);
        return Optional.of(
                taken.compareTo(within) <= 0
                        ? Verdict.pass(assigned.as("R3.3.assigned"), List.of())
                        : Verdict.fail(assigned.as("R3.3.assigned-late"), List.of()));
    }
}
