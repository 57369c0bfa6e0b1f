package kr.compliance.pack;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How stored values are written into the pack: the same text in the CSVs and the workbook. */
final class PackValues {

    private PackValues() {}

    /**
     * A text that a spreadsheet could take for a formula ({@code = + - @}, tab, carriage return)
     * gets a leading {@code '}; the stored value is never changed.
     */
    static String safeText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        boolean formulaLike =
                first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formulaLike ? "'" + text : text;
    }

    /** ISO-8601 with the report zone's offset, e.g. {@code 2026-07-20T10:02:00+09:00}. */
    static String isoInstant(Instant instant, ZoneId zone) {
        return instant == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    /** The wall-clock time in the report zone, for a workbook date cell. */
    static LocalDateTime local(Instant instant, ZoneId zone) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    /** A stored value as CSV text: timestamps in the report zone, decimals plain, text escaped. */
    static String csv(Object value, ZoneId zone) {
        return switch (value) {
            case null -> "";
            case String text -> safeText(text);
            case Instant instant -> isoInstant(instant, zone);
            case BigDecimal decimal -> plain(decimal);
            default -> value.toString();
        };
    }

    static String plain(BigDecimal decimal) {
        return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
    }
}
