package kr.compliance.pack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scratch folder a pack is written in: {@code .pack-*} inside the output folder (so the final
 * move is a rename on one file system), holding the entries, the xlsx scratch file and POI's
 * temporary files, and removed when the pack ends. A pack killed half-way cannot remove its own,
 * so every pack first removes the {@code .pack-*} folders no running pack holds.
 *
 * <p>A pack holds its folder by an OS file lock on {@code pack.lock} inside it, which the OS
 * releases when the process dies, even by SIGKILL: a folder whose lock can be taken is a
 * leftover. A folder without a lock file is one only when older than a minute: it was left by a
 * build that took no lock, or by a pack killed between making it and locking it (microseconds).
 */
final class PackWorkFolder implements AutoCloseable {

    static final String PREFIX = ".pack-";
    static final String LOCK_FILE = "pack.lock";

    private static final Duration UNLOCKED_GRACE = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(PackWorkFolder.class);

    private final Path path;
    private final FileChannel lockChannel;

    private PackWorkFolder(Path path, FileChannel lockChannel) {
        this.path = path;
        this.lockChannel = lockChannel;
    }

    /** Removes the leftovers of dead packs in {@code outDir}, then makes and holds a new folder there. */
    static PackWorkFolder create(Path outDir) {
        try {
            Files.createDirectories(outDir);
            removeLeftovers(outDir);
            Path folder = Files.createTempDirectory(outDir, PREFIX);
            FileChannel channel = FileChannel.open(
                    folder.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.lock();
            return new PackWorkFolder(folder, channel);
        } catch (IOException e) {
            throw new PackException("cannot write to " + outDir + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    private static void removeLeftovers(Path outDir) throws IOException {
        List<Path> folders;
        try (Stream<Path> entries = Files.list(outDir)) {
            folders = entries.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .filter(Files::isDirectory)
                    .toList();
        }
        for (Path folder : folders) {
            try (FileChannel channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.WRITE)) {
                if (channel.tryLock() != null) {
                    log.info("removing {}, left by a pack that did not finish", folder);
                    remove(folder, channel);
                }
            } catch (OverlappingFileLockException e) {
                // a pack of this JVM holds it
            } catch (NoSuchFileException e) {
                if (unlockedLongEnough(folder)) {
                    log.info("removing {}, left by a pack that did not finish", folder);
                    remove(folder, null);
                }
            }
        }
    }

    private static boolean unlockedLongEnough(Path folder) throws IOException {
        try {
            Instant modified = Files.getLastModifiedTime(folder).toInstant();
            return modified.isBefore(Instant.now().minus(UNLOCKED_GRACE));
        } catch (NoSuchFileException e) {
            return false; // another pack removed it just now
        }
    }

    /** Lets go of the folder and removes it. */
    @Override
    public void close() {
        try {
            remove(path, lockChannel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the scratch folder " + path, e);
        }
    }

    /**
     * Removes a folder whose lock {@code lock} holds (null: it has none): its content first, then
     * the lock is let go and the lock file and folder removed. Another pack may find the folder
     * unlocked in that moment and remove it too; what is already gone is no failure.
     */
    private static void remove(Path folder, FileChannel lock) throws IOException {
        Path lockFile = folder.resolve(LOCK_FILE);
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(lockFile) && !file.equals(folder)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (NoSuchFileException e) {
            // removed by another pack
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
        }
        if (lock != null) {
            lock.close();
        }
        Files.deleteIfExists(lockFile);
        Files.deleteIfExists(folder);
    }
}
