package kr.compliance.ingest;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The checks a whole drop passes before any row is loaded, so a bad drop is refused with nothing
 * written: the folder exists and holds source files; no link in it leads out of it; each file
 * decodes in its encoding (UTF-8 unless the user names another); each has its required columns,
 * each named once. Also fingerprints every file.
 */
final class DropPreflight {

    private static final int BUFFER = 1 << 16;

    private DropPreflight() {}

    static List<SourceFile> inspect(Path folder, Charset encoding, ZoneId sourceZone) {
        if (!Files.isDirectory(folder)) {
            throw new IngestFailedException(
                    "no such folder: " + folder + " (give the folder that holds changes.csv, tests.csv, ...)");
        }
        Path realFolder = refuseLinksLeaving(folder);
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : encoding;
        String sourceName = folder.toAbsolutePath().normalize().toString();
        Map<RecordKind, Path> present = new EnumMap<>(RecordKind.class);
        for (RecordKind kind : RecordKind.values()) {
            Path path = realFolder.resolve(kind.fileName());
            if (Files.isRegularFile(path)) {
                // read through the real path: a link swapped after this check cannot redirect the load
                present.put(kind, realPath(path));
            }
        }
        // the files are decoded and hashed side by side (at a million changes two of them are most
        // of half a gigabyte); a bad drop is still refused for the first bad file in the order of kinds
        List<SourceFile> files = new ArrayList<>();
        ExecutorService checks = Executors.newFixedThreadPool(
                Math.max(1, Math.min(present.size(), Runtime.getRuntime().availableProcessors())));
        try {
            Map<RecordKind, Future<String>> sha256s = new EnumMap<>(RecordKind.class);
            present.forEach((kind, path) ->
                    sha256s.put(kind, checks.submit(() -> checkEncoding(path, charset, encoding == null))));
            for (Map.Entry<RecordKind, Path> file : present.entrySet()) {
                RecordKind kind = file.getKey();
                Path path = file.getValue();
                String sha256 = resultOf(sha256s.get(kind));
                SourceHeader header = SourceHeader.of(kind, readHeader(path, charset));
                if (!header.repeatedColumns().isEmpty()) {
                    throw new IngestFailedException(kind.fileName() + " is refused: "
                            + header.repeatedColumns().stream()
                                    .map(SourceHeader.Repeat::describe)
                                    .collect(Collectors.joining("; "))
                            + (header.repeatedColumns().size() == 1 ? "; keep one of them" : "; keep one of each"));
                }
                if (!header.missingColumns().isEmpty()) {
                    throw new IngestFailedException(kind.fileName() + " is refused: required column(s) "
                            + String.join(", ", header.missingColumns()) + " missing from its header");
                }
                files.add(new SourceFile(sourceName, kind, path, sha256, charset, sourceZone, header));
            }
        } finally {
            // a refused drop need not wait for its other files' checks
            checks.shutdownNow();
        }
        if (files.isEmpty()) {
            throw new IngestFailedException("no source files in " + folder + " (expected some of: "
                    + String.join(
                            ", ",
                            java.util.Arrays.stream(RecordKind.values())
                                    .map(RecordKind::fileName)
                                    .toList())
                    + ")");
        }
        return files;
    }

    /**
     * A link in the drop whose real target lies outside it would load a file from elsewhere under
     * the drop's name, and a dangling one would silently drop a file: both refuse the drop. A link
     * that stays inside is followed. Returns the folder's real path.
     */
    private static Path refuseLinksLeaving(Path folder) {
        Path realFolder = realPath(folder);
        try (var entries = Files.list(realFolder)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!Files.isSymbolicLink(entry)) {
                    continue;
                }
                Path target = entry.resolveSibling(readLink(entry)).normalize();
                if (!Files.exists(entry)) {
                    throw new IngestFailedException("the drop is refused: " + entry.getFileName() + " is a link to "
                            + target + ", which does not exist; copy the file itself into the drop");
                }
                Path realTarget = realPath(entry);
                if (!realTarget.startsWith(realFolder)) {
                    throw new IngestFailedException("the drop is refused: " + entry.getFileName() + " is a link to "
                            + realTarget + ", outside the drop folder; copy the file itself into the drop");
                }
            }
        } catch (IOException e) {
            throw new IngestFailedException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        return realFolder;
    }

    private static Path readLink(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException e) {
            throw new IngestFailedException("cannot read the link " + link + ": " + e.getMessage(), e);
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new IngestFailedException("cannot resolve " + path + ": " + e.getMessage(), e);
        }
    }

    private static String resultOf(Future<String> check) {
        try {
            return check.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure
                    ? failure
                    : new IngestFailedException("could not check the drop: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestFailedException("interrupted while checking the drop", e);
        }
    }

    /** Decodes the whole file (streaming) and returns its SHA-256; the first bad line is named. */
    private static String checkEncoding(Path path, Charset charset, boolean defaulted) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        MessageDigest sha256 = sha256();
        ByteBuffer in = ByteBuffer.allocate(BUFFER);
        CharBuffer out = CharBuffer.allocate(BUFFER);
        long line = 1;
        try (InputStream stream = Files.newInputStream(path)) {
            boolean end = false;
            while (!end) {
                int read = stream.read(in.array(), in.position(), in.remaining());
                end = read < 0;
                if (read > 0) {
                    sha256.update(in.array(), in.position(), read);
                    in.position(in.position() + read);
                }
                in.flip();
                int start = in.position();
                CoderResult result = decoder.decode(in, out, end);
                line += newlines(in.array(), start, in.position());
                if (result.isError()) {
                    throw new IngestFailedException(path.getFileName() + " is not valid " + charset.name()
                            + " (first bad byte on line " + line + ")"
                            + (defaulted
                                    ? "; it may be CP949/EUC-KR, common in Korean exports: name its encoding with --encoding CP949"
                                    : "; check the encoding given with --encoding"));
                }
                in.compact();
                out.clear();
            }
        } catch (IOException e) {
            throw new IngestFailedException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static long newlines(byte[] bytes, int from, int to) {
        long count = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    private static List<String> readHeader(Path path, Charset charset) {
        try (CsvReader<CsvRecord> csv = CsvReader.builder()
                .detectBomHeader(true)
                .skipEmptyLines(true)
                .ofCsvRecord(Files.newInputStream(path), charset)) {
            var records = csv.iterator();
            if (!records.hasNext()) {
                throw new IngestFailedException(path.getFileName() + " is empty: it needs at least a header row");
            }
            return records.next().getFields();
        } catch (IOException e) {
            throw new IngestFailedException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        return DigestUtils.getSha256Digest();
    }
}
