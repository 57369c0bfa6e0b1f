package kr.compliance.sources;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import kr.compliance.ingest.RecordKind;

/**
 * One CSV file of a canonical drop, written row by row as the source is read, so a pull never holds
 * a table in memory. UTF-8, RFC 4180 (FastCSV quotes what needs quoting); a null value is written
 * as an empty field, which docs/formats.md reads as "no value".
 */
final class DropFile implements AutoCloseable {

    private final CsvWriter csv;
    private final int width;
    private long rows;

    private DropFile(CsvWriter csv, int width) {
        this.csv = csv;
        this.width = width;
    }

    static DropFile create(Path folder, RecordKind kind, List<String> header) {
        try {
            CsvWriter csv = CsvWriter.builder().build(folder.resolve(kind.fileName()), StandardCharsets.UTF_8);
            csv.writeRecord(header);
            return new DropFile(csv, header.size());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write " + folder.resolve(kind.fileName()) + ": " + e.getMessage(), e);
        }
    }

    /** Writes one row, its values in header order. */
    void write(List<String> values) {
        if (values.size() != width) {
            throw new IllegalArgumentException("a row of " + values.size() + " values under a header of " + width);
        }
        csv.writeRecord(values.stream().map(value -> value == null ? "" : value).toList());
        rows++;
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish a staged file: " + e.getMessage(), e);
        }
    }
}
