package kr.compliance.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps the embedded server from outliving the JVM that started it. A JVM killed with SIGKILL
 * runs no shutdown hook, so a small shell process watches it instead: once the JVM is gone it
 * asks the server to shut down cleanly (SIGTERM). It ignores Ctrl-C and hang-ups, which reach the
 * whole process group, so that the JVM's own orderly stop is the one that counts. Where there is
 * no POSIX shell, the next command's {@link LeftoverServer} check still applies.
 */
final class ServerSentinel implements AutoCloseable {

    private static final Path SHELL = Path.of("/bin/sh");

    private final Process watcher;

    private ServerSentinel(Process watcher) {
        this.watcher = watcher;
    }

    /** Starts watching; empty where no shell can be started. */
    static Optional<ServerSentinel> watch(long serverPid) {
        if (!Files.isExecutable(SHELL)) {
            return Optional.empty();
        }
        String owner = Long.toString(ProcessHandle.current().pid());
        String script = "trap '' INT HUP; while kill -0 " + owner + " 2>/dev/null; do sleep 1; done; kill -TERM "
                + serverPid + " 2>/dev/null";
        try {
            return Optional.of(new ServerSentinel(new ProcessBuilder(SHELL.toString(), "-c", script)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The JVM stops the server itself: the watcher must not signal a pid that may be reused afterwards. */
    @Override
    public void close() {
        watcher.destroyForcibly();
    }
}
