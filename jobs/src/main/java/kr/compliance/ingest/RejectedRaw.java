package kr.compliance.ingest;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * A rejected row's raw text as {@code rejected_record} keeps it: whole up to {@link #MAX_BYTES} of
 * UTF-8 (its MEDIUMTEXT column); a longer one keeps its first part, cut between two characters,
 * with a marker at its end that says so and how long the whole was. Never cut silently.
 *
 * @param text what is stored
 * @param sha256 the hash of the whole raw text, cut or not
 * @param bytes the size of the whole raw text in UTF-8
 * @param cut whether {@code text} is only the first part of it
 */
record RejectedRaw(String text, String sha256, long bytes, boolean cut) {

    /** What a MEDIUMTEXT column holds. */
    static final int MAX_BYTES = 16_777_215;

    /** Room kept for the marker, whose numbers have at most 19 digits each. */
    private static final int MARKER_ROOM = 128;

    static RejectedRaw of(String raw) {
        byte[] utf8 = raw.getBytes(StandardCharsets.UTF_8);
        String sha256 = sha256(utf8);
        if (utf8.length <= MAX_BYTES) {
            return new RejectedRaw(raw, sha256, utf8.length, false);
        }
        int kept = MAX_BYTES - MARKER_ROOM;
        while ((utf8[kept] & 0xC0) == 0x80) { // a continuation byte: the cut would split a character
            kept--;
        }
        String text = new String(utf8, 0, kept, StandardCharsets.UTF_8) + marker(kept, utf8.length);
        return new RejectedRaw(text, sha256, utf8.length, true);
    }

    static String marker(long kept, long whole) {
        return "\n[cut: only the first " + kept + " of this record's " + whole + " bytes in UTF-8 are kept]";
    }

    private static String sha256(byte[] bytes) {
        return DigestUtils.sha256Hex(bytes);
    }
}
