package kr.compliance.scoring.controls;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * R6.3 RESOLUTION_NOTICE. Subject: user-impacting INCIDENT with {@code resolved_at}. PASS when a
 * {@code RESOLVED} notification has {@code resolved_at <= published_at <= resolved_at + 60 min}
 * [r6.resolved-within]; none yet and that deadline is after as-of: PENDING.
 */
public final class R6_3_ResolutionNotice implements Control<IncidentFacts> {

    @Override
    public String id() {
        return "R6.3";
    }

    @Override
    public Optional<Verdict> judge(IncidentFacts incident, Judging judging) {
        if (!incident.isUserImpacting(judging.policy()) || incident.resolvedAt() == null) {
            return Optional.empty();
        }
        Duration within = judging.policy().resolvedWithin();
        Instant deadline = incident.resolvedAt().plus(within);
        List<IncidentFacts.Notice> resolvedNotices = incident.notices().stream()
                .filter(notice -> "RESOLVED".equals(notice.kind()))
                .sorted(Comparator.comparing(IncidentFacts.Notice::publishedAt)
                        .thenComparing(IncidentFacts.Notice::notificationId))
                .toList();
        String due = "a RESOLVED notice is due between resolution (" + judging.time(incident.resolvedAt()) + ") and "
                + judging.time(deadline);
        Optional<IncidentFacts.Notice> onTime = resolvedNotices.stream()
                .filter(notice -> !notice.publishedAt().isBefore(incident.resolvedAt())
                        && !notice.publishedAt().isAfter(deadline))
                .findFirst();
        if (onTime.isPresent()) {
            IncidentFacts.Notice notice = onTime.get();
            return Optional.of(Verdict.pass(
                    "RESOLVED notice " + notice.notificationId() + " published " + judging.time(notice.publishedAt())
                            + ", " + Judging.duration(Duration.between(incident.resolvedAt(), notice.publishedAt()))
                            + " after resolution",
                    List.of(notice.notificationId())));
        }
        List<String> evidence = resolvedNotices.stream()
                .map(IncidentFacts.Notice::notificationId)
                .toList();
        if (resolvedNotices.isEmpty()) {
            return Optional.of(
                    judging.stillOpen(deadline)
                            ? Verdict.pending("no RESOLVED notice yet; " + due, evidence)
                            : Verdict.fail("no RESOLVED notice published; " + due, evidence));
        }
        if (judging.stillOpen(deadline)) {
            return Optional.of(Verdict.pending(
                    "RESOLVED notice(s) " + String.join(", ", evidence) + " outside the window so far; " + due,
                    evidence));
        }
        return Optional.of(Verdict.fail(
                "RESOLVED notice(s) " + String.join(", ", evidence) + " published "
                        + String.join(
                                ", ",
                                resolvedNotices.stream()
                                        .map(notice -> judging.time(notice.publishedAt()))
                                        .toList())
                        + ", outside the window; " + due,
                evidence));
    }
}
