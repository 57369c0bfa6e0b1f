package kr.compliance.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar quarter, written {@code 2026Q3}. It has no zone: where it starts and ends is asked
 * in a zone, the report zone, giving the half-open interval
 * {@code [2026-07-01T00:00+09:00, 2026-10-01T00:00+09:00)} for Asia/Seoul. Parsed once, at the edge
 * (a command line, a request, a job parameter); text never travels further in.
 */
public record Quarter(int year, int quarter) implements Comparable<Quarter> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})Q([1-4])");

    public Quarter {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("a quarter is 1 to 4, not " + quarter);
        }
    }

    /** Parses {@code 2026Q3} (case-insensitive); anything else is refused with the expected form. */
    public static Quarter parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.strip().toUpperCase());
        if (!m.matches()) {
            throw new IllegalArgumentException("a period is written like 2026Q3, not '" + text + "'");
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The quarter that holds {@code instant} in {@code zone}. */
    public static Quarter containing(Instant instant, ZoneId zone) {
        ZonedDateTime at = instant.atZone(zone);
        return new Quarter(at.getYear(), (at.getMonthValue() - 1) / 3 + 1);
    }

    private ZonedDateTime startIn(ZoneId zone) {
        return LocalDate.of(year, (quarter - 1) * 3 + 1, 1).atStartOfDay(zone);
    }

    /** The first instant of the quarter in {@code zone} (inclusive). */
    public Instant start(ZoneId zone) {
        return startIn(zone).toInstant();
    }

    /** The first instant after the quarter in {@code zone} (exclusive). */
    public Instant end(ZoneId zone) {
        return startIn(zone).plusMonths(3).toInstant();
    }

    public Quarter previous() {
        return quarter == 1 ? new Quarter(year - 1, 4) : new Quarter(year, quarter - 1);
    }

    @Override
    public int compareTo(Quarter other) {
        return Integer.compare(year * 4 + quarter, other.year * 4 + other.quarter);
    }

    @Override
    public String toString() {
        return year + "Q" + quarter;
    }
}
