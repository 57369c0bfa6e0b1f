package kr.compliance.scoring.controls;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import kr.compliance.scoring.policy.Policy;

/**
 * What every rule judges with: the policy, the as-of instant ("now" for the run: anything after it
 * has not happened yet), and the wording of times and durations in the report zone.
 */
public record Judging(Policy policy, Instant asOf, ZoneId zone) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    /** An instant as a reader of the report zone writes it: {@code 2026-07-20T10:02+09:00}. */
    public String time(Instant instant) {
        var local = instant.atZone(zone);
        return (local.getSecond() == 0 && local.getNano() == 0 ? MINUTES : SECONDS).format(local);
    }

    /**
     * A duration exactly, in the units the policy speaks: whole days as days ({@code 7 days}),
     * under two hours in minutes ({@code 60 min}, {@code 5 min 1 s}), else {@code 426 days 8 h 6 min}.
     */
    public static String duration(Duration duration) {
        if (duration.isNegative()) {
            return "-" + duration(duration.negated());
        }
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0 && seconds > 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds < 7_200) {
            return seconds % 60 == 0 ? seconds / 60 + " min" : seconds / 60 + " min " + seconds % 60 + " s";
        }
        StringBuilder text = new StringBuilder();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (days > 0) {
            text.append(plural(days, "day")).append(' ');
        }
        if (hours > 0) {
            text.append(hours).append(" h ");
        }
        if (minutes > 0) {
            text.append(minutes).append(" min ");
        }
        if (rest > 0 || text.isEmpty()) {
            text.append(rest).append(" s ");
        }
        return text.toString().strip();
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** Whether {@code instant} has happened by as-of; a missing instant has not. */
    public boolean happened(Instant instant) {
        return instant != null && !instant.isAfter(asOf);
    }

    /** Whether {@code deadline} is still ahead of as-of: missing evidence is then PENDING. */
    public boolean stillOpen(Instant deadline) {
        return deadline.isAfter(asOf);
    }
}
