package kr.compliance.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server left running by a command that was killed (SIGKILL gives its JVM no chance to stop
 * it). The next command of the same home holds the home lock, so no live command owns that server:
 * it is stopped through its pid file before a new one starts, instead of the new one waiting
 * minutes on InnoDB's file lock.
 */
final class LeftoverServer {

    /** A clean shutdown flushes the buffer pool's dirty pages; after this, crash recovery does the rest. */
    static final Duration CLEAN_STOP_WAIT = Duration.ofSeconds(60);

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private LeftoverServer() {}

    /** Stops the server named in {@code pidFile} if it still runs on {@code dataDir}; true if there was one. */
    static boolean stopIfRunning(Path pidFile, Path dataDir) {
        Optional<ProcessHandle> leftover =
                pidIn(pidFile).flatMap(ProcessHandle::of).filter(process -> servesData(process, dataDir));
        if (leftover.isEmpty()) {
            return false;
        }
        ProcessHandle server = leftover.get();
        if (!(server.destroy() && exits(server, CLEAN_STOP_WAIT))
                && !(server.destroyForcibly() && exits(server, KILL_WAIT))) {
            throw new DatabaseUnavailableException("a database server left by an earlier command (pid " + server.pid()
                    + ") still runs on " + dataDir + " and could not be stopped; stop it (kill " + server.pid()
                    + ") and run the command again");
        }
        return true;
    }

    /** The pid a server wrote in {@code pidFile}; empty without the file, or with a torn one. */
    static Optional<Long> pidIn(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(
                    Files.readString(pidFile, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // no pid file, or a torn one: no server to find through it
        }
    }

    /** The pid may have been reused since: only a process started on this data folder is ours. */
    private static boolean servesData(ProcessHandle process, Path dataDir) {
        return process.info()
                .commandLine()
                .or(() -> commandLineFromProc(process))
                .orElse("")
                .contains("--datadir=" + dataDir);
    }

    private static Optional<String> commandLineFromProc(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean exits(ProcessHandle process, Duration wait) {
        CompletableFuture<ProcessHandle> exit = process.onExit();
        try {
            exit.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
