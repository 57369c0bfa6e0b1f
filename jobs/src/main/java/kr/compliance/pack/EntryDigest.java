package kr.compliance.pack;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Size, SHA-256 and row count of one pack entry: data rows of a CSV (header excluded), rows of
 * every sheet of a workbook, none for anything else (the pack zip itself). {@code verify} counts
 * the rows in the entry's bytes; the pack takes a CSV's rows and the workbook's from their writers
 * ({@link CsvEntry}, {@link EvidenceWorkbook#write}), which must agree.
 */
final class EntryDigest {

    private static final byte[] ROW_TAG = "<row".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private EntryDigest() {}

    /** A way to open the entry's bytes more than once (the hash and the rows are two passes). */
    interface Content {
        InputStream open() throws IOException;
    }

    /** Digests an entry and counts its rows. */
    static PackManifest.Entry of(String name, Content content) {
        try {
            long rows;
            try (InputStream in = content.open()) {
                rows = name.endsWith(".xlsx") ? workbookRows(in) : name.endsWith(".csv") ? csvRows(in) : 0;
            }
            return of(name, content, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Digests an entry whose rows its writer counted. */
    static PackManifest.Entry of(String name, Content content, long rows) {
        MessageDigest digest = PackManifest.sha256();
        long size;
        try (InputStream in = new DigestInputStream(content.open(), digest)) {
            size = in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PackManifest.Entry(name, size, HexFormat.of().formatHex(digest.digest()), rows);
    }

    private static long csvRows(InputStream in) throws IOException {
        long records = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder()
                .detectBomHeader(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .ofCsvRecord(in)) {
            for (CsvRecord ignored : reader) {
                records++;
            }
        }
        return Math.max(records - 1, 0);
    }

    private static long workbookRows(InputStream in) throws IOException {
        long rows = 0;
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.getName().startsWith("xl/worksheets/") && entry.getName().endsWith(".xml")) {
                rows += rowElements(zip);
            }
        }
        return rows;
    }

    /** Counts {@code <row} start tags: the sheets are written by POI, one element per row. */
    private static long rowElements(InputStream sheetXml) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long rows = 0;
        int matched = 0;
        for (int read = sheetXml.read(buffer); read >= 0; read = sheetXml.read(buffer)) {
            for (int i = 0; i < read; i++) {
                byte b = buffer[i];
                if (matched == ROW_TAG.length) {
                    if (b == ' ' || b == '>' || b == '/') {
                        rows++;
                    }
                    matched = 0;
                }
                matched = b == ROW_TAG[matched] ? matched + 1 : (b == '<' ? 1 : 0);
            }
        }
        return rows;
    }
}
