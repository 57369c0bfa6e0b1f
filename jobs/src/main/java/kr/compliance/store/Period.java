package kr.compliance.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar quarter in the report zone, written {@code 2026Q3}: the half-open interval
 * {@code [2026-07-01T00:00+09:00, 2026-10-01T00:00+09:00)} for Asia/Seoul.
 */
public record Period(int year, int quarter, ZoneId zone) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})Q([1-4])");

    public Period {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("a quarter is 1 to 4, not " + quarter);
        }
    }

    /** Parses {@code 2026Q3} (case-insensitive); anything else is refused with the expected form. */
    public static Period parse(String text, ZoneId zone) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.strip().toUpperCase());
        if (!m.matches()) {
            throw new IllegalArgumentException("a period is written like 2026Q3, not '" + text + "'");
        }
        return new Period(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), zone);
    }

    /** The period that holds {@code instant}. */
    public static Period containing(Instant instant, ZoneId zone) {
        ZonedDateTime at = instant.atZone(zone);
        return new Period(at.getYear(), (at.getMonthValue() - 1) / 3 + 1, zone);
    }

    public ZonedDateTime startInZone() {
        return LocalDate.of(year, (quarter - 1) * 3 + 1, 1).atStartOfDay(zone);
    }

    /** The first instant of the period (inclusive). */
    public Instant start() {
        return startInZone().toInstant();
    }

    /** The first instant after the period (exclusive). */
    public Instant end() {
        return startInZone().plusMonths(3).toInstant();
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    public Period previous() {
        return quarter == 1 ? new Period(year - 1, 4, zone) : new Period(year, quarter - 1, zone);
    }

    @Override
    public String toString() {
        return year + "Q" + quarter;
    }
}
