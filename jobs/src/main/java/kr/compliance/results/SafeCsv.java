package kr.compliance.results;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * CSV as the pack writes it: UTF-8 with a BOM, RFC 4180, and text that a spreadsheet would run as
 * a formula (starting with {@code = + - @}, tab or carriage return) prefixed with {@code '}.
 */
public final class SafeCsv implements AutoCloseable {

    private final Writer writer;
    private final CsvWriter csv;

    public SafeCsv(OutputStream out) throws IOException {
        this.writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        this.csv = CsvWriter.builder().build(writer);
    }

    public void row(String... values) {
        String[] safe = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            safe[i] = escapeFormula(values[i]);
        }
        csv.writeRecord(safe);
    }

    static String escapeFormula(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
