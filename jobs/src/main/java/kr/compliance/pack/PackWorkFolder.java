package kr.compliance.pack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scratch folder a pack is written in: {@code .pack-*} inside the output folder (so the final
 * move is a rename on one file system), holding the entries, the xlsx scratch file and POI's
 * temporary files, and removed when the pack ends. A pack killed half-way cannot remove its own,
 * so every pack first removes the {@code .pack-*} folders no living pack holds.
 *
 * <p>A pack holds its folder by an OS file lock on {@code pack.lock} inside it, which the OS
 * releases when the process dies, even by SIGKILL. Finding the leftovers and making a new folder
 * happen under a lock on {@code .pack.lock} in the output folder, so no pack can see another's
 * folder in the moment between its making and its locking, nor remove one that is being removed.
 */
final class PackWorkFolder implements AutoCloseable {

    static final String PREFIX = ".pack-";
    static final String LOCK_FILE = "pack.lock";
    static final String OUT_LOCK_FILE = ".pack.lock";

    private static final Logger log = LoggerFactory.getLogger(PackWorkFolder.class);
    /** File locks belong to a process: packs of this JVM take turns with a monitor as well. */
    private static final Object OUT_FOLDER_TURN = new Object();

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
            return inTurn(outDir, () -> {
                removeLeftovers(outDir);
                Path folder = Files.createTempDirectory(outDir, PREFIX);
                FileChannel channel = FileChannel.open(
                        folder.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                channel.lock();
                return new PackWorkFolder(folder, channel);
            });
        } catch (IOException e) {
            throw new PackException("cannot write to " + outDir + ": " + e.getMessage(), e);
        }
    }

    private interface Work<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} while no other pack, of this process or another, looks at {@code outDir}'s folders. */
    private static <T> T inTurn(Path outDir, Work<T> work) throws IOException {
        synchronized (OUT_FOLDER_TURN) {
            try (FileChannel turn = FileChannel.open(
                            outDir.resolve(OUT_LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = turn.lock()) {
                return work.run();
            }
        }
    }

    Path path() {
        return path;
    }

    /** Folders of packs that are no longer running; a folder of a running pack is left alone. */
    private static void removeLeftovers(Path outDir) throws IOException {
        List<Path> folders;
        try (Stream<Path> entries = Files.list(outDir)) {
            folders = entries.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .filter(Files::isDirectory)
                    .toList();
        }
        for (Path folder : folders) {
            if (!heldByARunningPack(folder)) {
                log.info("removing {}, left by a pack that did not finish", folder);
                deleteRecursively(folder);
            }
        }
    }

    /**
     * Whether a pack holds the folder's lock. A folder without a lock file was left by a build
     * that took no lock, or by a pack killed before it locked (under the output folder's lock, so
     * it is dead too).
     */
    private static boolean heldByARunningPack(Path folder) throws IOException {
        Path lockFile = folder.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true; // a pack of this JVM holds it
        }
    }

    /** Lets go of the folder and removes it, in turn, so no other pack removes it at the same time. */
    @Override
    public void close() {
        try {
            inTurn(path.getParent(), () -> {
                lockChannel.close();
                deleteRecursively(path);
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the scratch folder " + path, e);
        }
    }

    static void deleteRecursively(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the scratch folder " + folder, e);
        }
    }
}
