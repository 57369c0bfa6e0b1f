package kr.compliance.scoring.controls;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * R6.1 NOTIFIED_PROMPTLY. Subject: user-impacting INCIDENT ({@code users_affected_pct >= 1.0}
 * [r6.min-affected-pct] or {@code SEV1}). PASS when an {@code INITIAL} notification has
 * {@code published_at - detected_at <= 30 min} [r6.notify-within]; none yet and that deadline is
 * after as-of: PENDING.
 */
public final class R6_1_NotifiedPromptly implements Control<IncidentFacts> {

    @Override
    public String id() {
        return "R6.1";
    }

    @Override
    public Optional<Verdict> judge(IncidentFacts incident, Judging judging) {
        if (!incident.isUserImpacting(judging.policy())) {
            return Optional.empty();
        }
        Duration within = judging.policy().notifyWithin();
        Instant deadline = incident.detectedAt().plus(within);
        Optional<IncidentFacts.Notice> first = incident.notices().stream()
                .filter(notice -> "INITIAL".equals(notice.kind()))
                .min(Comparator.comparing(IncidentFacts.Notice::publishedAt)
                        .thenComparing(IncidentFacts.Notice::notificationId));
        Reason due = Reason.of("R6.1.").with("within", within).with("deadline", judging.time(deadline));
        if (first.isEmpty()) {
            return Optional.of(
                    judging.stillOpen(deadline)
                            ? Verdict.pending(due.as("R6.1.no-notice-yet"), List.of())
                            : Verdict.fail(due.as("R6.1.no-notice"), List.of()));
        }
        IncidentFacts.Notice notice = first.get();
        Reason published = due.with("notice", notice.notificationId())
                .with("channel", notice.channel())
                .with("published", judging.time(notice.publishedAt()))
                .with("taken", Duration.between(incident.detectedAt(), notice.publishedAt()));
        List<String> evidence = List.of(notice.notificationId());
        return Optional.of(
                notice.publishedAt().isAfter(deadline)
                        ? Verdict.fail(published.as("R6.1.published-late"), evidence)
                        : Verdict.pass(published.as("R6.1.published"), evidence));
    }
}
