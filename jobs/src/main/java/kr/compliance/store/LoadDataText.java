package kr.compliance.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * Rows in the text form {@code LOAD DATA} reads with {@link #FORMAT}: UTF-8, fields separated by
 * tabs, rows ended by a newline, backslash escapes, {@code \N} for no value and instants as UTC
 * {@code DATETIME(6)}. Written straight to bytes: the bulk writers put millions of rows through
 * here, and a formatter per timestamp cost more than the database's own work on it.
 */
public final class LoadDataText {

    /**
     * The clause after {@code INTO TABLE t} that reads this text. The text is UTF-8 already, written
     * from Java strings; read as bytes ({@code binary}), the server's field scanner need not decode
     * characters (about 8 % less of its CPU on a test row), and each text column still checks that
     * its value is valid UTF-8 as it stores it.
     */
    public static final String FORMAT =
            "CHARACTER SET binary FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'";

    private static final long[] POWERS_OF_TEN =
            LongStream.iterate(1, p -> p * 10).limit(19).toArray();

    private byte[] bytes;
    private int size;
    private int rows;
    private boolean rowStarted;

    public LoadDataText(int expectedBytes) {
        bytes = new byte[Math.max(expectedBytes, 64)];
    }

    /** Free text or an id, escaped; null is no value. */
    public LoadDataText text(String value) {
        separate();
        if (value == null) {
            return none();
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch >= 0x80) {
                utf8(value.substring(i));
                return this;
            }
            escaped((byte) ch);
        }
        return this;
    }

    /** Korean and other non-ASCII text, escaped byte by byte (a multi-byte UTF-8 sequence holds no ASCII bytes). */
    private void utf8(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            escaped(b);
        }
    }

    private void escaped(byte b) {
        switch (b) {
            case '\\' -> put('\\', '\\');
            case '\t' -> put('\\', 't');
            case '\n' -> put('\\', 'n');
            case '\r' -> put('\\', 'r');
            case 0 -> put('\\', '0');
            default -> put(b);
        }
    }

    /** Raw bytes for a {@code BINARY} column (read whole, as the text is read as bytes), escaped. */
    public LoadDataText bytes(byte[] value) {
        separate();
        for (byte b : value) {
            escaped(b);
        }
        return this;
    }

    /** A whole number. */
    public LoadDataText number(long value) {
        separate();
        int width = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            width++;
        }
        digits(value, width);
        return this;
    }

    /**
     * An instant as {@code yyyy-MM-dd HH:mm:ss[.SSSSSS]} in UTC, the fraction only when it is not
     * zero (fewer bytes for the server to parse); null is no value.
     */
    public LoadDataText instant(Instant value) {
        separate();
        if (value == null) {
            return none();
        }
        LocalDateTime utc = LocalDateTime.ofEpochSecond(value.getEpochSecond(), value.getNano(), ZoneOffset.UTC);
        digits(utc.getYear(), 4);
        put((byte) '-');
        digits(utc.getMonthValue(), 2);
        put((byte) '-');
        digits(utc.getDayOfMonth(), 2);
        put((byte) ' ');
        digits(utc.getHour(), 2);
        put((byte) ':');
        digits(utc.getMinute(), 2);
        put((byte) ':');
        digits(utc.getSecond(), 2);
        int micros = utc.getNano() / 1000;
        if (micros > 0) {
            put((byte) '.');
            digits(micros, 6);
        }
        return this;
    }

    /** A number, a boolean (1 or 0) or any value whose {@code toString} the column reads; null is no value. */
    public LoadDataText value(Object value) {
        return switch (value) {
            case null -> text(null);
            case Instant instant -> instant(instant);
            case String string -> text(string);
            case Boolean bool -> text(bool ? "1" : "0");
            case Long number when number >= 0 -> number(number);
            case BigDecimal decimal -> text(decimal.toPlainString());
            default -> text(value.toString());
        };
    }

    /** Ends the current row. */
    public LoadDataText endRow() {
        put((byte) '\n');
        rowStarted = false;
        rows++;
        return this;
    }

    public int rows() {
        return rows;
    }

    /** The rows written so far, for {@code setLocalInfileInputStream}. */
    public InputStream stream() {
        return new ByteArrayInputStream(bytes, 0, size);
    }

    /** The rows written so far, as bytes of their own. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Starts over, keeping the buffer. */
    public void clear() {
        size = 0;
        rows = 0;
        rowStarted = false;
    }

    private LoadDataText none() {
        put('\\', 'N');
        return this;
    }

    private void separate() {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
    }

    /** {@code number} in exactly {@code width} digits, zero-padded; a wider or negative one as Java prints it. */
    private void digits(long number, int width) {
        if (number < 0 || (width < 19 && number >= POWERS_OF_TEN[width])) {
            for (char ch : Long.toString(number).toCharArray()) {
                put((byte) ch);
            }
            return;
        }
        for (int i = 0; i < width; i++) {
            put((byte) '0');
        }
        long rest = number;
        for (int at = size - 1; rest > 0; at--) {
            bytes[at] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }

    private void put(char escape, char ch) {
        put((byte) escape);
        put((byte) ch);
    }

    private void put(byte b) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[size++] = b;
    }
}
