package kr.compliance.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The export files a source reads: one file, or the matching files of a folder in name order. */
final class ExportFiles {

    private ExportFiles() {}

    /**
     * @param glob the file names to take from a folder, e.g. {@code TEST-*.xml}
     * @param maxBytes a larger file is refused unread: an export that size is a mistake or an attack
     */
    static List<Path> list(String source, Path path, String glob, long maxBytes) {
        if (path == null) {
            throw new SourceFailedException(source, "it names no path to read");
        }
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> entries = Files.list(path)) {
                var matcher = path.getFileSystem().getPathMatcher("glob:" + glob);
                files = entries.filter(file -> matcher.matches(file.getFileName()) && Files.isRegularFile(file))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new SourceFailedException(source, "cannot list " + path + ": " + e.getMessage(), e);
            }
        } else if (Files.isRegularFile(path)) {
            files = List.of(path);
        } else {
            throw new SourceFailedException(source, "no such file or folder: " + path);
        }
        for (Path file : files) {
            long size = size(source, file);
            if (size > maxBytes) {
                throw new SourceFailedException(
                        source,
                        file.getFileName() + " is refused: " + size + " bytes, more than the limit of " + maxBytes
                                + " (max-file-bytes)");
            }
        }
        return files;
    }

    private static long size(String source, Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new SourceFailedException(source, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
