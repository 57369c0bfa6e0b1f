package kr.compliance.ingest;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * Streams the records of one source file (RFC 4180: quoted fields may hold commas, quotes and line
 * breaks; a BOM is skipped), after its header. Restartable: the number of records the step has
 * taken is saved with every chunk ({@link #savePosition}), and a restart skips that many.
 */
final class CsvRowReader {

    private final String name;
    private final Path file;
    private final Charset charset;
    private CsvReader<CsvRecord> csv;
    private Iterator<CsvRecord> records;
    private long recordsRead;

    CsvRowReader(String name, Path file, Charset charset) {
        this.name = name;
        this.file = file;
        this.charset = charset;
    }

    void open(ExecutionContext context) {
        try {
            csv = CsvReader.builder()
                    .detectBomHeader(true)
                    .skipEmptyLines(true)
                    .allowExtraFields(true)
                    .allowMissingFields(true)
                    .ofCsvRecord(Files.newInputStream(file), charset);
        } catch (IOException e) {
            throw new ItemStreamException("cannot read " + file + ": " + e.getMessage(), e);
        }
        records = csv.iterator();
        if (records.hasNext()) {
            records.next(); // the header, checked before the load began
        }
        long alreadyRead = context.getLong(key(), 0L);
        while (recordsRead < alreadyRead && records.hasNext()) {
            records.next();
            recordsRead++;
        }
    }

    SourceRow read() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CsvRecord record = records.next();
            recordsRead++;
            return new SourceRow(record.getStartingLineNumber(), record.getFields());
        } catch (UncheckedIOException e) {
            throw new ItemStreamException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The number of records read so far, the skipped ones of a restart included. */
    long position() {
        return recordsRead;
    }

    /** Saves how many records the step has taken, where a restart begins. */
    void savePosition(ExecutionContext context, long records) {
        context.putLong(key(), records);
    }

    String name() {
        return name;
    }

    void close() {
        try {
            if (csv != null) {
                csv.close();
            }
        } catch (IOException e) {
            throw new ItemStreamException("cannot close " + file, e);
        }
    }

    private String key() {
        return name + ".records";
    }
}
