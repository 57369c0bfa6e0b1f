package kr.compliance.store;

import java.util.Locale;

/**
 * The form in which the controls compare ids and names: ids trimmed; data centres, incident
 * types, people's names and control ids trimmed and case-insensitively (upper case, root locale).
 */
public final class TextKeys {

    private TextKeys() {}

    /** Trimmed id; null stays null. */
    public static String id(String raw) {
        return raw == null ? null : raw.strip();
    }

    /** Trimmed, upper-cased key; null stays null. */
    public static String key(String raw) {
        return raw == null ? null : raw.strip().toUpperCase(Locale.ROOT);
    }

    /** Blank means empty after trimming. */
    public static boolean isBlank(String raw) {
        return raw == null || raw.isBlank();
    }
}
