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
        String used = channels.isEmpty()
                ? "no notice"
                : channels.size() + " channel(s) (" + String.join(", ", channels) + ")";
        String window = " within " + Judging.duration(judging.policy().multiChannelWithin()) + " of detection";
        List<String> problems = new ArrayList<>();
        if (channels.size() < judging.policy().minChannels()) {
            problems.add("fewer than " + judging.policy().minChannels() + " channels");
        }
        List<String> absent = judging.policy().requiredChannels().stream()
                .sorted()
                .filter(channel -> !channels.contains(channel))
                .toList();
        if (!absent.isEmpty()) {
            problems.add("no " + String.join(", ", absent));
        }
        return Optional.of(
                problems.isEmpty()
                        ? Verdict.pass(used + window, evidence)
                        : Verdict.fail(used + window + ": " + String.join(" and ", problems), evidence));
    }
}
