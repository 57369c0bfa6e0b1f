package kr.compliance.scoring.controls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * R6.2 MULTI_CHANNEL. Subject: user-impacting INCIDENT. PASS when the notifications of the
 * incident published within 60 min of {@code detected_at} [r6.multi-channel-within] use at least 2
 * distinct channels [r6.min-channels], one of them {@code SNS} [r6.required-channels].
 */
public final class R6_2_MultiChannel implements Control<IncidentFacts> {

    @Override
    public String id() {
        return "R6.2";
    }

    @Override
    public Optional<Verdict> judge(IncidentFacts incident, Judging judging) {
        if (!incident.isUserImpacting(judging.policy())) {
            return Optional.empty();
        }
        Instant until = incident.detectedAt().plus(judging.policy().multiChannelWithin());
        List<IncidentFacts.Notice> early = incident.notices().stream()
                .filter(notice -> !notice.publishedAt().isAfter(until))
                .toList();
        TreeSet<String> channels = new TreeSet<>();
        early.forEach(notice -> channels.add(notice.channel()));
        List<String> evidence =
                early.stream().map(IncidentFacts.Notice::notificationId).toList();
        Reason used = Reason.of(channels.isEmpty() ? "R6.2.no-notice" : "R6.2.channels")
                .with("within", judging.policy().multiChannelWithin());
        if (!channels.isEmpty()) {
            used = used.with("count", channels.size()).with("channels", List.copyOf(channels));
        }
        List<String> problems = new ArrayList<>();
        if (channels.size() < judging.policy().minChannels()) {
            problems.add("too-few-channels");
        }
        List<String> absent = judging.policy().requiredChannels().stream()
                .sorted()
                .filter(channel -> !channels.contains(channel))
                .toList();
        if (!absent.isEmpty()) {
            problems.add("required-channel-absent");
        }
        if (problems.isEmpty()) {
            return Optional.of(Verdict.pass(used, evidence));
        }
        return Optional.of(Verdict.fail(
                used.with("minChannels", judging.policy().minChannels())
                        .with("absent", absent)
                        .with("problems", problems)
                        .as(used.code() + "-short"),
                evidence));
    }
}
