package kr.compliance.scoring.controls;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import kr.compliance.scoring.policy.Policy;

/**
 * What every rule judges with: the policy, the as-of instant ("now" for the run: anything after it
 * has not happened yet), and the wording of times in the report zone (a reason keeps a time as
 * this text, in no language).
 */
public record Judging(Policy policy, Instant asOf, ZoneId zone) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    /** An instant as a reader of the report zone writes it: {@code 2026-07-20T10:02+09:00}. */
    public String time(Instant instant) {
        var local = instant.atZone(zone);
        return (local.getSecond() == 0 && local.getNano() == 0 ? MINUTES : SECONDS).format(local);
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
