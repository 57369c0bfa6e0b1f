package kr.compliance.pack;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What a pack says of its submission (docs/pack.md, "Submission"): the manifest's
 * {@code submission} object and the cover's lines. It holds no id of its own row, so the pack can
 * be made before the row is written, and made again from the row later with the same bytes.
 *
 * @param submittedAt ISO-8601 in the report zone, microseconds at most
 * @param reason why the period is submitted again; null for its first submission
 * @param amends the submission of the period it replaces; null for the first
 * @param previousManifestSha256 the manifest SHA-256 of the submission before it (any period);
 *     null for the first submission ever
 */
public record Submission(
        String period,
        long runId,
        String submittedBy,
        String submittedAt,
        String reason,
        Amends amends,
        String previousManifestSha256) {

    /** The earlier submission of the period that this one replaces. */
    public record Amends(long runId, String submittedBy, String submittedAt, String manifestSha256) {}

    /** One line for people: {@code 2026Q3 run 12, submitted 2026-10-10T10:00+09:00 by kim}. */
    public String describe() {
        return period + " run " + runId + ", submitted " + submittedAt + " by " + submittedBy;
    }

    static String time(Instant instant, ZoneId zone) {
        return PackValues.isoInstant(instant, zone);
    }

    static Submission fromJson(String json) {
        return json == null ? null : PackManifest.JSON.readValue(json, Submission.class);
    }

    String toJson() {
        return PackManifest.JSON.writeValueAsString(this);
    }
}
