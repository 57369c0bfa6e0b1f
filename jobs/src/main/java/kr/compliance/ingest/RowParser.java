package kr.compliance.ingest;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Validates one source row against its kind's columns. A row with any bad value is rejected whole,
 * with every problem named, never fatal to the load.
 */
final class RowParser implements ItemProcessor<SourceRow, ParsedRow> {

    private static final char SEPARATOR = '\u001f';

    private final RecordKind kind;
    private final SourceHeader header;
    private final ZoneId sourceZone;
    private final MessageDigest sha256;

    RowParser(SourceHeader header, ZoneId sourceZone) {
        this.kind = header.kind();
        this.header = header;
        this.sourceZone = sourceZone;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
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
            } catch (FieldType.BadValue bad) {
                problems.add(column.name() + ": " + bad.getMessage());
                firstBadColumn = firstBadColumn == null ? column.name() : firstBadColumn;
            }
        }
        if (!problems.isEmpty()) {
            return new ParsedRow.Rejected(
                    row.line(), firstBadColumn, String.join("; ", problems), asCsv(row.fields()), referenceTime(row));
        }
        return new ParsedRow.Accepted(row.line(), values, keyOf(values), hash(values));
    }

    private Object read(RecordKind.Column column, String raw) {
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
        StringBuilder key = new StringBuilder();
        for (String column : kind.keyColumns()) {
            key.append(values[indexOf(column)]).append(SEPARATOR);
        }
        return key.toString();
    }

    private String hash(Object[] values) {
        sha256.reset();
        for (Object value : values) {
            String text = value == null ? "\u0000" : canonical(value);
            sha256.update(text.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) SEPARATOR);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static String canonical(Object value) {
        return value instanceof BigDecimal decimal
                ? decimal.stripTrailingZeros().toPlainString()
                : value.toString();
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
