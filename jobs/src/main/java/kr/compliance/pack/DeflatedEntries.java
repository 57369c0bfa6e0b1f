package kr.compliance.pack;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * The pack's CSV entries, deflated on threads of their own while the pack goes on with the rest:
 * at four million changes 6.3 GB of CSV, about a minute of one core that used to begin only once
 * the workbook was written. Deflating {@linkplain #begin begins} once the workbook's sheets are
 * streamed; until then those writers and the database keep both cores busy, and deflating beside
 * them only slowed them. An entry is deflated in pieces of a fixed size ({@link DeflatedSegments}),
 * so a large one, {@code findings.csv}, keeps both threads busy, not one while the pack waits; the
 * pieces are cut at the same offsets whichever thread deflates which, so the bytes are the same.
 * The pack's zip then takes each entry's compressed bytes as they are.
 */
final class DeflatedEntries implements AutoCloseable {

    private static final String SUFFIX = ".deflated";
    private static final int THREADS = 2;
    private static final int BUFFER = 1 << 16;
    /** 64 MiB: an entry of a few pieces is shared by both threads; a piece deflates in about a second. */
    static final long PIECE_BYTES = 64L << 20;

    private final Path folder;
    private final LocalDateTime time;
    private final long pieceBytes;
    private final ExecutorService deflater = Executors.newFixedThreadPool(
            THREADS, Thread.ofPlatform().name("pack-deflater-", 1).daemon().factory());
    private final CountDownLatch begun = new CountDownLatch(1);
    private final Map<String, List<Future<Piece>>> entries = new ConcurrentHashMap<>();

    /** One piece of an entry, deflated into its own file. */
    private record Piece(Path file, DeflatedSegments.Segment segment) {}

    /**
     * @param folder where the entries are, and their deflated pieces go
     * @param time the time every entry carries
     */
    DeflatedEntries(Path folder, LocalDateTime time) {
        this(folder, time, PIECE_BYTES);
    }

    DeflatedEntries(Path folder, LocalDateTime time, long pieceBytes) {
        this.folder = folder;
        this.time = time;
        this.pieceBytes = pieceBytes;
    }

    /** The entry {@code name} of the folder is complete: it is deflated once deflating has begun. */
    void add(String name) {
        Path file = folder.resolve(name);
        List<Future<Piece>> pieces = new ArrayList<>();
        try {
            long size = Files.size(file);
            long count = Math.max(1, (size + pieceBytes - 1) / pieceBytes);
            for (long n = 0; n < count; n++) {
                long offset = n * pieceBytes;
                long length = Math.min(pieceBytes, size - offset);
                boolean last = n == count - 1;
                Path target = folder.resolve(name + "." + n + SUFFIX);
                pieces.add(deflater.submit(() -> {
                    begun.await();
                    return deflate(file, offset, length, last, target);
                }));
            }
        } catch (IOException e) {
            // the zip fails on it, as on any entry it cannot take
            pieces.add(CompletableFuture.failedFuture(e));
        }
        entries.put(name, pieces);
    }

    /** Deflates the entries complete so far, and from now on each as soon as it is complete. */
    void begin() {
        begun.countDown();
    }

    boolean has(String name) {
        return entries.containsKey(name);
    }

    /** Writes the entry into {@code zip} once it is deflated; fails as deflating it failed. */
    void writeTo(String name, ZipArchiveOutputStream zip) throws IOException {
        begin();
        List<Piece> pieces = new ArrayList<>();
        try {
            for (Future<Piece> piece : entries.get(name)) {
                pieces.add(deflated(name, piece));
            }
            DeflatedSegments.write(
                    zip,
                    ZipEntries.entry(name, time),
                    pieces.stream().map(Piece::segment).toList());
        } finally {
            for (Piece piece : pieces) {
                Files.deleteIfExists(piece.file());
            }
        }
    }

    private static Piece deflate(Path file, long offset, long length, boolean last, Path target) throws IOException {
        DeflatedSegments.SegmentOutputStream out =
                new DeflatedSegments.SegmentOutputStream(new BufferedOutputStream(Files.newOutputStream(target)));
        try (InputStream in = Channels.newInputStream(FileChannel.open(file).position(offset));
                out) {
            byte[] buffer = new byte[BUFFER];
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException(file + " ended before its last " + left + " bytes were deflated");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            if (last) {
                out.finish();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        return new Piece(target, out.segment(() -> Files.newInputStream(target)));
    }

    private static Piece deflated(String name, Future<Piece> piece) throws IOException {
        try {
            return piece.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackException("interrupted while waiting for " + name + " to be deflated", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new PackException("cannot deflate " + name + ": " + e.getCause(), e.getCause());
        }
    }

    /**
     * Stops deflating and removes what was deflated, before the work folder is removed: a pack
     * that failed half-way may leave entries being deflated.
     */
    @Override
    public void close() {
        deflater.shutdownNow();
        try {
            if (!deflater.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new PackException("the entries of the pack were still being deflated a minute after it ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (List<Future<Piece>> pieces : entries.values()) {
            for (Future<Piece> piece : pieces) {
                if (piece.state() == Future.State.SUCCESS) {
                    try {
                        Files.deleteIfExists(piece.resultNow().file());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
    }
}
