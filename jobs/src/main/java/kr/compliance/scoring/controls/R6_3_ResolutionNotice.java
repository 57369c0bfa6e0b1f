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
        Reason due = Reason.of("R6.3.")
                .with("resolved", judging.time(incident.resolvedAt()))
                .with("deadline", judging.time(deadline));
        Optional<IncidentFacts.Notice> onTime = resolvedNotices.stream()
                .filter(notice -> !notice.publishedAt().isBefore(incident.resolvedAt())
                        && !notice.publishedAt().isAfter(deadline))
                .findFirst();
        if (onTime.isPresent()) {
            IncidentFacts.Notice notice = onTime.get();
            return Optional.of(Verdict.pass(
                    due.with("notice", notice.notificationId())
                            .with("published", judging.time(notice.publishedAt()))
                            .with("taken", Duration.between(incident.resolvedAt(), notice.publishedAt()))
                            .as("R6.3.published"),
                    List.of(notice.notificationId())));
        }
        List<String> evidence = resolvedNotices.stream()
                .map(IncidentFacts.Notice::notificationId)
                .toList();
        if (resolvedNotices.isEmpty()) {
            return Optional.of(
                    judging.stillOpen(deadline)
                            ? Verdict.pending(due.as("R6.3.no-notice-yet"), evidence)
                            : Verdict.fail(due.as("R6.3.no-notice"), evidence));
        }
        Reason outside = due.with("notices", evidence);
        if (judging.stillOpen(deadline)) {
            return Optional.of(Verdict.pending(outside.as("R6.3.outside-window-so-far"), evidence));
        }
        return Optional.of(Verdict.fail(
                outside.with(
                                "published",
                                resolvedNotices.stream()
                                        .map(notice -> judging.time(notice.publishedAt()))
                                        .toList())
                        .as("R6.3.outside-window"),
                evidence));
    }
}
