package kr.compliance.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Zips whose bytes depend only on their content: fixed entry order and time, no extra fields. */
final class ZipEntries {

    private ZipEntries() {}

    /** A file to put in a zip under a name. */
    record Source(String name, Path file) {}

    /**
     * Writes the files in the given order, each stamped with {@code time}: those {@code deflated}
     * has as it deflated them, a workbook stored, not deflated again (it is a zip already), the
     * rest deflated here.
     */
    static void write(Path zip, List<Source> sources, DeflatedEntries deflated, LocalDateTime time) {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            out.setLevel(Deflater.BEST_SPEED);
            for (Source source : sources) {
                if (deflated.has(source.name())) {
                    deflated.writeTo(source.name(), out);
                    continue;
                }
                ZipArchiveEntry entry = entry(source.name(), time);
                if (source.name().endsWith(".xlsx")) {
                    store(entry, source.file());
                }
                out.putArchiveEntry(entry);
                Files.copy(source.file(), out);
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies a zip entry by entry, in its order, with every entry's time set to {@code time}. The
     * compressed bytes are copied as they are (no second deflate of a large workbook).
     */
    static void rewriteWithFixedTimes(Path source, Path target, LocalDateTime time) {
        try (org.apache.commons.compress.archivers.zip.ZipFile in =
                        org.apache.commons.compress.archivers.zip.ZipFile.builder()
                                .setPath(source)
                                .get();
                ZipArchiveOutputStream out = new ZipArchiveOutputStream(target)) {
            for (ZipArchiveEntry original : Collections.list(in.getEntriesInPhysicalOrder())) {
                ZipArchiveEntry copy = new ZipArchiveEntry(original.getName());
                copy.setMethod(original.getMethod());
                copy.setCrc(original.getCrc());
                copy.setSize(original.getSize());
                copy.setCompressedSize(original.getCompressedSize());
                copy.setTimeLocal(time);
                try (InputStream raw = in.getRawInputStream(original)) {
                    out.addRawArchiveEntry(copy, raw);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void store(ZipEntry entry, Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(Files.newInputStream(file), crc)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(Files.size(file));
        entry.setCompressedSize(Files.size(file));
        entry.setCrc(crc.getValue());
    }

    /** An entry stamped with {@code time}, deflated unless told otherwise. */
    static ZipArchiveEntry entry(String name, LocalDateTime time) {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(ZipEntry.DEFLATED);
        // a local time in the DOS range adds no extended-timestamp field, whatever the JVM's zone
        entry.setTimeLocal(time);
        return entry;
    }
}
