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
        String due = "due within " + Judging.duration(within) + " of resolution, by " + judging.time(deadline);
        IncidentFacts.FirstPostmortem postmortem = incident.firstPostmortem();
        if (postmortem == null) {
            return Optional.of(
                    judging.stillOpen(deadline)
                            ? Verdict.pending("no postmortem yet; " + due, List.of())
                            : Verdict.fail("no postmortem published; " + due, List.of()));
        }
        String published = "postmortem " + postmortem.postmortemId() + " published "
                + judging.time(postmortem.publishedAt()) + ", "
                + Judging.duration(Duration.between(incident.resolvedAt(), postmortem.publishedAt()))
                + " after resolution";
        List<String> evidence = List.of(postmortem.postmortemId());
        return Optional.of(
                postmortem.publishedAt().isAfter(deadline)
                        ? Verdict.fail(published + " (> " + Judging.duration(within) + ")", evidence)
                        : Verdict.pass(published, evidence));
    }
}
