package kr.compliance.scoring.controls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * R5.1 POSTMORTEM_ON_TIME. Subject: INCIDENT of severity {@code SEV1}, {@code SEV2} [r5.severities]
 * with {@code resolved_at}. PASS when a postmortem is published {@code <= resolved_at + 7 days}
 * [r5.publish-within]; none yet and that deadline is after as-of: PENDING.
 */
public final class R5_1_PostmortemOnTime implements Control<IncidentFacts> {

    @Override
    public String id() {
        return "R5.1";
    }

    @Override
    public Optional<Verdict> judge(IncidentFacts incident, Judging judging) {
        if (!judging.policy().postmortemSeverities().contains(incident.severity()) || incident.resolvedAt() == null) {
            return Optional.empty();
        }
        Duration within = judging.policy().postmortemWithin();
        Instant deadline = incident.resolvedAt().plus(within);
        Reason due = Reason.of("R5.1.").with("within", within).with("deadline", judging.time(deadline));
        IncidentFacts.FirstPostmortem postmortem = incident.firstPostmortem();
        if (postmortem == null) {
            return Optional.of(
                    judging.stillOpen(deadline)
                            ? Verdict.pending(due.as("R5.1.no-postmortem-yet"), List.of())
                            : Verdict.fail(due.as("R5.1.no-postmortem"), List.of()));
        }
        Reason published = due.with("postmortem", postmortem.postmortemId())
                .with("published", judging.time(postmortem.publishedAt()))
                .with("taken", Duration.between(incident.resolvedAt(), postmortem.publishedAt()));
        List<String> evidence = List.of(postmortem.postmortemId());
        return Optional.of(
                postmortem.publishedAt().isAfter(deadline)
                        ? Verdict.fail(published.as("R5.1.published-late"), evidence)
                        : Verdict.pass(published.as("R5.1.published"), evidence));
    }
}
