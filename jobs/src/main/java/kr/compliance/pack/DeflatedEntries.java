package kr.compliance.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ScatterZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntryRequest;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * The pack's CSV entries, deflated on threads of their own while the pack goes on with the rest:
 * at four million changes 6.3 GB of CSV, about a minute of one core that used to begin only once
 * the workbook was written. Deflating {@linkplain #begin begins} once the workbook's sheets are
 * streamed; until then those writers and the database keep both cores busy, and deflating beside
 * them only slowed them. The pack's zip then takes each entry's compressed bytes as they are.
 */
final class DeflatedEntries implements AutoCloseable {

    private static final String SUFFIX = ".deflated";
    private static final int THREADS = 2;

    private final Path folder;
    private final LocalDateTime time;
    private final ExecutorService deflater = Executors.newFixedThreadPool(
            THREADS, Thread.ofPlatform().name("pack-deflater-", 1).daemon().factory());
    private final CountDownLatch begun = new CountDownLatch(1);
    private final Map<String, Future<ScatterZipOutputStream>> entries = new ConcurrentHashMap<>();

    /**
     * @param folder where the entries are, and their deflated bytes go
     * @param time the time every entry carries
     */
    DeflatedEntries(Path folder, LocalDateTime time) {
        this.folder = folder;
        this.time = time;
    }

    /** The entry {@code name} of the folder is complete: it is deflated once deflating has begun. */
    void add(String name) {
        entries.put(name, deflater.submit(() -> {
            begun.await();
            return deflate(name);
        }));
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
        try (ScatterZipOutputStream deflated = deflated(name)) {
            deflated.writeTo(zip);
        }
    }

    private ScatterZipOutputStream deflate(String name) throws IOException {
        Path file = folder.resolve(name);
        ScatterZipOutputStream deflated =
                ScatterZipOutputStream.pathBased(folder.resolve(name + SUFFIX), Deflater.BEST_SPEED);
        try {
            ZipArchiveEntry entry = ZipEntries.entry(name, time);
            deflated.addArchiveEntry(ZipArchiveEntryRequest.createZipArchiveEntryRequest(entry, () -> open(file)));
            return deflated;
        } catch (IOException | RuntimeException e) {
            deflated.close();
            throw e;
        }
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ScatterZipOutputStream deflated(String name) throws IOException {
        try {
            return entries.get(name).get();
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
     * Stops deflating and lets go of what was deflated, before the work folder is removed: a pack
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
        for (Future<ScatterZipOutputStream> entry : entries.values()) {
            if (entry.state() == Future.State.SUCCESS) {
                try {
                    entry.resultNow().close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
