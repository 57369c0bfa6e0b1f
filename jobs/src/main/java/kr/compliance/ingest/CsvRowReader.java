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
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams the records of one source file (RFC 4180: quoted fields may hold commas, quotes and line
 * breaks; a BOM is skipped), after its header. Restartable: the number of records handed out is
 * saved with every chunk, and a restart skips that many.
 */
final class CsvRowReader implements ItemStreamReader<SourceRow> {

    private final String name;
    private final Path file;
    private final Charset charset;
    private CsvReader<CsvRecord> csv;
    private Iterator<CsvRecord> records;
    private long handedOut;

    CsvRowReader(String name, Path file, Charset charset) {
        this.name = name;
        this.file = file;
        this.charset = charset;
    }

    @Override
    public void open(ExecutionContext context) {
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
        while (handedOut < alreadyRead && records.hasNext()) {
            records.next();
            handedOut++;
        }
    }

    @Override
    public SourceRow read() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CsvRecord record = records.next();
            handedOut++;
            return new SourceRow(record.getStartingLineNumber(), record.getFields());
        } catch (UncheckedIOException e) {
            throw new ItemStreamException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(key(), handedOut);
    }

    @Override
    public void close() {
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
