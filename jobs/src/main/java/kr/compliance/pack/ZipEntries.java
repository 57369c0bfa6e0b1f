package kr.compliance.pack;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Zips whose bytes depend only on their content: fixed entry order and time, no extra fields. */
final class ZipEntries {

    private ZipEntries() {}

    /** A file to put in a zip under a name. */
    record Source(String name, Path file) {}

    /** Writes the files in the given order, each stamped with {@code time}. */
    static void write(Path zip, List<Source> sources, LocalDateTime time) {
        try (ZipOutputStream out = open(zip)) {
            for (Source source : sources) {
                out.putNextEntry(entry(source.name(), time));
                Files.copy(source.file(), out);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a zip entry by entry, in its order, with every entry's time set to {@code time}. */
    static void rewriteWithFixedTimes(Path source, Path target, LocalDateTime time) {
        try (ZipFile in = new ZipFile(source.toFile());
                ZipOutputStream out = open(target)) {
            for (ZipEntry original : Collections.list(in.entries())) {
                out.putNextEntry(entry(original.getName(), time));
                try (InputStream content = in.getInputStream(original)) {
                    content.transferTo(out);
                }
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ZipOutputStream open(Path zip) throws IOException {
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16);
        ZipOutputStream out = new ZipOutputStream(file);
        out.setLevel(6);
        return out;
    }

    private static ZipEntry entry(String name, LocalDateTime time) {
        ZipEntry entry = new ZipEntry(name);
        // a local time in the DOS range adds no extended-timestamp field, whatever the JVM's zone
        entry.setTimeLocal(time);
        return entry;
    }
}
