package kr.compliance.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Rows in the text form {@code LOAD DATA} reads with {@link #FORMAT}: UTF-8, fields separated by
 * tabs, rows ended by a newline, backslash escapes, {@code \N} for no value and instants as UTC
 * {@code DATETIME(6)}. Written straight to bytes: the bulk writers put millions of rows through
 * here, and a formatter per timestamp cost more than the database's own work on it.
 */
public final class LoadDataText {

    /** The clause after {@code INTO TABLE t} that reads this text. */
    public static final String FORMAT =
            "CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'" + " LINES TERMINATED BY '\\n'";

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
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            // a multi-byte UTF-8 sequence holds no ASCII bytes, so escaping byte by byte is exact
            switch (b) {
                case '\\' -> put('\\', '\\');
                case '\t' -> put('\\', 't');
                case '\n' -> put('\\', 'n');
                case '\r' -> put('\\', 'r');
                case 0 -> put('\\', '0');
                default -> put(b);
            }
        }
        return this;
    }

    /** An instant as {@code yyyy-MM-dd HH:mm:ss.SSSSSS} in UTC; null is no value. */
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
        put((byte) '.');
        digits(utc.getNano() / 1000, 6);
        return this;
    }

    /** A number, a boolean (1 or 0) or any value whose {@code toString} the column reads; null is no value. */
    public LoadDataText value(Object value) {
        return switch (value) {
            case null -> text(null);
            case Instant instant -> instant(instant);
            case String string -> text(string);
            case Boolean bool -> text(bool ? "1" : "0");
            case java.math.BigDecimal decimal -> text(decimal.toPlainString());
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

    public int size() {
        return size;
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

    private void digits(int number, int width) {
        String text = Integer.toString(number);
        for (int pad = text.length(); pad < width; pad++) {
            put((byte) '0');
        }
        for (int i = 0; i < text.length(); i++) {
            put((byte) text.charAt(i));
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
