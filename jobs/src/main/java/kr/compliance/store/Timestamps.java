package kr.compliance.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The one timestamp form of the system (formats.md): {@code YYYY-MM-DDTHH:MM[:SS[.fraction]]},
 * optionally followed by {@code Z} or {@code ±HH:MM}. With an offset it is exact; without one it
 * is read in the zone given. A date alone is not a timestamp.
 */
public final class Timestamps {

    private static final Pattern FORM =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern HAS_OFFSET = Pattern.compile(".*(Z|[+-]\\d{2}:\\d{2})$");

    private Timestamps() {}

    /**
     * Parses {@code text} (trimmed).
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static Instant parse(String text, ZoneId zoneWithoutOffset) {
        String value = text.strip();
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a timestamp (YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM])");
        }
        try {
            return HAS_OFFSET.matcher(value).matches()
                    ? OffsetDateTime.parse(value).toInstant()
                    : LocalDateTime.parse(value).atZone(zoneWithoutOffset).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid date and time");
        }
    }
}
