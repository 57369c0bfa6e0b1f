package kr.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kr.compliance.ChildJvm;
import org.springframework.util.FileSystemUtils;

/**
 * Runs {@code compliance} commands as a user does: each its own JVM, on one home given through
 * {@code COMPLIANCE_HOME}, its standard output and error kept in files beside the home. Ctrl-C is a
 * real SIGINT: the child starts through perl with SIGINT's default action restored, because a JVM
 * started from a background job inherits SIGINT ignored and would never see it.
 */
final class Commands implements AutoCloseable {

    private final Path home;
    private final Path logs;
    private final String zone;
    private int count;

    Commands(Path home) throws IOException {
        this(home, "UTC");
    }

    /** Commands of a machine whose clock is set to {@code zone} (the JVM's default zone). */
    Commands(Path home, String zone) throws IOException {
        this.home = home;
        this.zone = zone;
        this.logs = Files.createDirectories(home.resolveSibling(home.getFileName() + "-logs"));
    }

    Path home() {
        return home;
    }

    /** The home's self-signed pack signing key (docs/pack.md, Signature), once a pack has made it. */
    Path signingKey() {
        return home.resolve("keys/pack-signing.pem");
    }

    /** Gives the home an installation's signing key, so its packs have that installation's bytes. */
    void useSigningKey(byte[] pem) throws IOException {
        Files.createDirectories(
                signingKey().getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.write(signingKey(), pem);
        Files.setPosixFilePermissions(signingKey(), PosixFilePermissions.fromString("rw-------"));
    }

    /** A finished command. */
    record Result(int exitCode, String out, String err) {}

    /** A command that is still running. */
    record Running(Process process, Path outFile, Path errFile) {

        String out() throws IOException {
            return Files.readString(outFile, StandardCharsets.UTF_8);
        }

        String err() throws IOException {
            return Files.readString(errFile, StandardCharsets.UTF_8);
        }

        /** Waits until the standard output holds {@code text}; false if the command ended first. */
        boolean awaitOutput(String text, Duration within) throws IOException, InterruptedException {
            Instant deadline = Instant.now().plus(within);
            while (Instant.now().isBefore(deadline)) {
                if (out().contains(text)) {
                    return true;
                }
                if (!process.isAlive()) {
                    return out().contains(text);
                }
                Thread.sleep(100);
            }
            return false;
        }

        void signal(String name) throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
        }

        Result awaitExit(Duration within) throws IOException, InterruptedException {
            assertThat(process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the command ended within %s", within)
                    .isTrue();
            return new Result(process.exitValue(), out(), err());
        }
    }

    Running start(String... args) throws IOException {
        return startWithInput("", args);
    }

    Running startWithInput(String input, String... args) throws IOException {
        return start(input, Map.of(), args);
    }

    /** A command with {@code environment} added to its own (COMPLIANCE_DB_URL among them, say). */
    Running startWithEnvironment(Map<String, String> environment, String... args) throws IOException {
        return start("", environment, args);
    }

    private Running start(String input, Map<String, String> environment, String... args) throws IOException {
        int n = ++count;
        Path out = logs.resolve(n + "-" + args[0] + ".out");
        Path err = logs.resolve(n + "-" + args[0] + ".err");
        List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!"));
        command.addAll(ChildJvm.command(
                Launcher.class.getName(),
                List.of(
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-Duser.timezone=" + zone,
                        // outranks the test class path's application.properties, which gives every test a home of its
                        // own
                        "-Dcompliance.store.home=" + home)));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("COMPLIANCE_HOME", home.toString());
        builder.environment().remove("COMPLIANCE_DB_URL");
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        return new Running(process, out, err);
    }

    Result run(String... args) throws IOException, InterruptedException {
        return start(args).awaitExit(Duration.ofMinutes(4));
    }

    /** Removes the home's database (a few hundred MB); the commands' output stays beside it. */
    @Override
    public void close() throws IOException {
        FileSystemUtils.deleteRecursively(home);
    }

    Result runWithInput(String input, String... args) throws IOException, InterruptedException {
        return startWithInput(input, args).awaitExit(Duration.ofMinutes(4));
    }
}
