package kr.compliance.ingest;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import kr.compliance.store.LoadDataText;
import kr.compliance.store.TextKeys;
import kr.compliance.store.Timestamps;
import org.apache.commons.codec.digest.DigestUtils;
import org.jooq.DataType;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Validates one source row against its kind's columns. A row with any bad value is rejected whole,
 * with every problem named, never fatal to the load.
 */
final class RowParser implements ItemProcessor<SourceRow, ParsedRow> {

    private static final char SEPARATOR = '\u001f';
    private static final int TEXT_BYTES = 65_535;

    private final RecordKind kind;
    private final SourceHeader header;
    private final ZoneId sourceZone;
    private final MessageDigest sha256;
    private final int[] keyColumns;
    private final int[] derivedKeySources;
    private final LoadDataText loadDataText = new LoadDataText(1024);
    private final int[] maxCharacters;

    RowParser(SourceHeader header, ZoneId sourceZone) {
        this.kind = header.kind();
        this.header = header;
        this.sourceZone = sourceZone;
        this.keyColumns = kind.keyColumns().stream().mapToInt(this::indexOf).toArray();
        this.maxCharacters = maxCharacters(kind);
        this.derivedKeySources =
                kind.derivedKeys().values().stream().mapToInt(this::indexOf).toArray();
        this.sha256 = DigestUtils.getSha256Digest();
    }

    @Override
    public ParsedRow process(SourceRow row) {
        List<RecordKind.Column> columns = kind.columns();
        Object[] values = new Object[columns.size()];
        List<String> problems = new ArrayList<>();
        String firstBadColumn = null;
        for (int c = 0; c < columns.size(); c++) {
            RecordKind.Column column = columns.get(c);
            String raw = header.field(row.fields(), c);
            try {
                values[c] = read(column, raw);
                checkFits(c, values[c]);
            } catch (FieldType.BadValue bad) {
                problems.add(column.name() + ": " + bad.getMessage());
                firstBadColumn = firstBadColumn == null ? column.name() : firstBadColumn;
            }
        }
        if (!problems.isEmpty()) {
            return new ParsedRow.Rejected(
                    row.line(),
                    firstBadColumn,
                    String.join("; ", problems),
                    RejectedRaw.of(asCsv(row.fields())),
                    referenceTime(row));
        }
        byte[] contentHash = hash(values);
        return new ParsedRow.Accepted(row.line(), keyOf(values), asLoadDataText(values, contentHash, row.line()));
    }

    /** The row's record id as written (the first key column), before any check: it decides the row's partition. */
    String rawId(SourceRow row) {
        return header.field(row.fields(), keyColumns[0]);
    }

    /** The record as {@link RecordMerger} loads it: its values, the derived keys, its hash and line. */
    private byte[] asLoadDataText(Object[] values, byte[] contentHash, long line) {
        loadDataText.clear();
        for (Object value : values) {
            loadDataText.value(value);
        }
        for (int source : derivedKeySources) {
            loadDataText.text(TextKeys.key((String) values[source]));
        }
        return loadDataText.bytes(contentHash).value(line).toByteArray();
    }

    private Object read(RecordKind.Column column, String raw) {
        refuseControlCharacters(raw);
        if (raw == null || raw.isEmpty()) {
            if (column.required()) {
                throw new FieldType.BadValue("a value is required");
            }
            return column.defaultValue();
        }
        if (raw.isBlank()) {
            if (column.required()) {
                throw new FieldType.BadValue("a value is required, the field is blank");
            }
            // blank free text is kept as given; a blank number, date or code means no value
            return column.type() instanceof FieldType.Text ? raw : column.defaultValue();
        }
        return column.type().parse(raw, sourceZone);
    }

    /**
     * A control character other than tab, CR and LF (U+0000 to U+001F, U+007F) is no part of any
     * value a person wrote: the database keeps it, but a workbook cannot show it (a NUL becomes
     * {@code ?}), so the evidence would differ between its forms. The row is refused instead.
     */
    private static void refuseControlCharacters(String raw) {
        if (raw == null) {
            return;
        }
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f) {
                throw new FieldType.BadValue(
                        "holds the control character U+%04X (only tab, CR and LF are allowed in a value)"
                                .formatted((int) ch));
            }
        }
    }

    /**
     * A text longer than its column would be cut short by {@code LOAD DATA LOCAL}, which turns such
     * errors into warnings: it is refused instead. VARCHAR(n) counts characters; TEXT holds 65,535
     * bytes.
     */
    private void checkFits(int column, Object value) {
        int max = maxCharacters[column];
        if (!(value instanceof String text) || max == 0) {
            return;
        }
        if (max > 0 && text.length() > max && text.codePointCount(0, text.length()) > max) {
            throw new FieldType.BadValue(
                    text.codePointCount(0, text.length()) + " characters, longer than the " + max + " the store keeps");
        }
        if (max < 0 && text.length() > TEXT_BYTES / 3) {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > TEXT_BYTES) {
                throw new FieldType.BadValue(
                        bytes + " bytes in UTF-8, longer than the " + TEXT_BYTES + " the store keeps");
            }
        }
    }

    /** Per column: its VARCHAR length in characters, -1 for TEXT, 0 for a column that holds no text. */
    private static int[] maxCharacters(RecordKind kind) {
        return kind.columns().stream()
                .mapToInt(column -> {
                    DataType<?> type = kind.table().field(column.name()).getDataType();
                    return type.isLob() ? -1 : type.isString() && type.hasLength() ? type.length() : 0;
                })
                .toArray();
    }

    private Instant referenceTime(SourceRow row) {
        int c = indexOf(kind.referenceColumn());
        String raw = header.field(row.fields(), c);
        try {
            return raw == null || raw.isBlank()
                    ? null
                    : (Instant) kind.columns().get(c).type().parse(raw, sourceZone);
        } catch (FieldType.BadValue unreadable) {
            return null;
        }
    }

    private int indexOf(String columnName) {
        for (int c = 0; c < kind.columns().size(); c++) {
            if (kind.columns().get(c).name().equals(columnName)) {
                return c;
            }
        }
        throw new IllegalStateException(kind + " has no column " + columnName);
    }

    private String keyOf(Object[] values) {
        if (keyColumns.length == 1) {
            return (String) values[keyColumns[0]];
        }
        StringBuilder key = new StringBuilder();
        for (int column : keyColumns) {
            key.append(values[column]).append(SEPARATOR);
        }
        return key.toString();
    }

    /** The SHA-256 of the values, kept as its 32 bytes ({@code BINARY(32)}). */
    private byte[] hash(Object[] values) {
        sha256.reset();
        for (Object value : values) {
            String text = value == null ? "\u0000" : canonical(value);
            sha256.update(text.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) SEPARATOR);
        }
        return sha256.digest();
    }

    private static String canonical(Object value) {
        return switch (value) {
            case BigDecimal decimal -> decimal.stripTrailingZeros().toPlainString();
            case Instant instant -> Timestamps.isoText(instant);
            default -> value.toString();
        };
    }

    private static String asCsv(List<String> fields) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out)) {
            csv.writeRecord(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String csv = out.toString();
        return csv.endsWith("\n") ? csv.substring(0, csv.length() - 1) : csv;
    }
}
