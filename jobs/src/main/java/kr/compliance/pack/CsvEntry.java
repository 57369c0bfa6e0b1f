package kr.compliance.pack;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

/**
 * One CSV entry of the pack being written: UTF-8 with a byte-order mark (so Excel reads Korean),
 * RFC 4180 with CRLF line ends, a header row, values as {@link PackValues#csv}. Its SHA-256 is
 * taken as it is written, so a quarter's gigabytes of CSV are not read back to digest them.
 */
final class CsvEntry implements AutoCloseable {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final String name;
    private final Path file;
    private final ZoneId zone;
    private final MessageDigest digest = PackManifest.sha256();
    private final CsvWriter writer;
    private final String[] cells;
    private long rows;
    private PackManifest.Entry entry;

    CsvEntry(Path folder, String name, List<String> header, ZoneId zone) {
        this.name = name;
        this.file = folder.resolve(name);
        this.zone = zone;
        this.cells = new String[header.size()];
        try {
            OutputStream out =
                    new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(file), digest), 1 << 16);
            out.write(BOM);
            this.writer = CsvWriter.builder()
                    .lineDelimiter(LineDelimiter.CRLF)
                    .bufferSize(1 << 16)
                    .build(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writer.writeRecord(header);
    }

    /** Writes one data row; values in header order. */
    void row(Object... values) {
        for (int i = 0; i < cells.length; i++) {
            cells[i] = PackValues.csv(i < values.length ? values[i] : null, zone);
        }
        writer.writeRecord(cells);
        rows++;
    }

    /** Ends the entry; it as the manifest lists it (data rows, header excluded). */
    PackManifest.Entry entry() {
        close();
        return entry;
    }

    @Override
    public void close() {
        if (entry != null) {
            return;
        }
        try {
            writer.close();
            entry = new PackManifest.Entry(
                    name, Files.size(file), HexFormat.of().formatHex(digest.digest()), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
