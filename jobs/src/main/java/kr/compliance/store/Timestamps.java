package kr.compliance.store;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one timestamp form of the system (docs/formats.md): {@code YYYY-MM-DDTHH:MM[:SS[.fraction]]},
 * optionally followed by {@code Z} or {@code ±HH:MM}. With an offset it is exact; without one it
 * is read in the zone given. A date alone is not a timestamp.
 *
 * <p>The form is fixed-width, so it is read by position: a drop holds millions of timestamps, and
 * a regular expression plus {@code java.time}'s formatter took 40 % of an ingest's Java time. The
 * values are still checked by {@code java.time} (month 13, 30 February, 24:00 and offsets beyond
 * ±18:00 are refused as before).
 */
public final class Timestamps {

    private static final String EXPECTED = " is not a timestamp (YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM])";

    private Timestamps() {}

    /**
     * Parses {@code text} (trimmed).
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static Instant parse(String text, ZoneId zoneWithoutOffset) {
        String value = text.strip();
        Reader in = new Reader(value);
        int year = in.digits(4);
        in.expect('-');
        int month = in.digits(2);
        in.expect('-');
        int day = in.digits(2);
        in.expect('T');
        int hour = in.digits(2);
        in.expect(':');
        int minute = in.digits(2);
        int second = 0;
        int nano = 0;
        if (in.next(':')) {
            second = in.digits(2);
            if (in.next('.')) {
                nano = in.fraction();
            }
        }
        ZoneOffset offset = null;
        int offsetSign = in.next('+') ? 1 : in.next('-') ? -1 : 0;
        if (offsetSign != 0) {
            int offsetHours = in.digits(2);
            in.expect(':');
            int offsetMinutes = in.digits(2);
            offset = offset(text, offsetSign * offsetHours, offsetSign * offsetMinutes);
        } else if (in.next('Z')) {
            offset = ZoneOffset.UTC;
        }
        if (!in.atEnd()) {
            throw notATimestamp(text);
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nano);
            return offset == null ? local.atZone(zoneWithoutOffset).toInstant() : local.toInstant(offset);
        } catch (DateTimeException e) {
            throw notValid(text);
        }
    }

    /**
     * The text of {@link Instant#toString()} ({@code 2026-07-01T00:00:05.120Z}: seconds always,
     * the fraction in groups of three digits as needed), written without java.time's formatter.
     * The content hash of every record is taken over this text, so it must never change.
     */
    public static String isoText(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            return instant.toString(); // java.time writes a sign, and more digits
        }
        char[] text = new char[30];
        int at = digits(text, 0, utc.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, utc.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, utc.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, utc.getHour(), 2);
        text[at++] = ':';
        at = digits(text, at, utc.getMinute(), 2);
        text[at++] = ':';
        at = digits(text, at, utc.getSecond(), 2);
        int nano = utc.getNano();
        if (nano > 0) {
            text[at++] = '.';
            if (nano % 1_000_000 == 0) {
                at = digits(text, at, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                at = digits(text, at, nano / 1_000, 6);
            } else {
                at = digits(text, at, nano, 9);
            }
        }
        text[at++] = 'Z';
        return new String(text, 0, at);
    }

    private static int digits(char[] text, int at, int number, int width) {
        int rest = number;
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        return at + width;
    }

    private static ZoneOffset offset(String text, int hours, int minutes) {
        try {
            return ZoneOffset.ofHoursMinutes(hours, minutes);
        } catch (DateTimeException e) {
            throw notValid(text);
        }
    }

    private static IllegalArgumentException notATimestamp(String text) {
        return new IllegalArgumentException("'" + text + "'" + EXPECTED);
    }

    private static IllegalArgumentException notValid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a valid date and time");
    }

    /** A cursor over the text; any character out of place is the same "not a timestamp". */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        int digits(int count) {
            int number = 0;
            for (int i = 0; i < count; i++) {
                number = number * 10 + digit();
            }
            return number;
        }

        /** One to nine digits of a second, as nanoseconds. */
        int fraction() {
            int nanos = digit();
            int count = 1;
            while (count < 9 && at < text.length() && isDigit(text.charAt(at))) {
                nanos = nanos * 10 + digit();
                count++;
            }
            for (; count < 9; count++) {
                nanos *= 10;
            }
            return nanos;
        }

        void expect(char ch) {
            if (!next(ch)) {
                throw notATimestamp(text);
            }
        }

        boolean next(char ch) {
            if (at < text.length() && text.charAt(at) == ch) {
                at++;
                return true;
            }
            return false;
        }

        boolean atEnd() {
            return at == text.length();
        }

        private int digit() {
            if (at >= text.length() || !isDigit(text.charAt(at))) {
                throw notATimestamp(text);
            }
            return text.charAt(at++) - '0';
        }

        private static boolean isDigit(char ch) {
            return ch >= '0' && ch <= '9';
        }
    }
}
