package kr.compliance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.springframework.util.FileSystemUtils;

/**
 * The command line of a JVM of its own on the tests' class path, for tests that run commands, servers
 * and workers as separate processes, as a user does.
 *
 * <p>A build starts well over a hundred of them, and each would spend seconds loading the same
 * classes again. So the first one a test JVM needs is preceded by one {@code compliance demo} that
 * records the classes it loads in a class-data-sharing archive (JEP 350), and every child maps that
 * archive instead (a command's start-up falls from about 6 s to 3.5 s on the 2-core CI machine). The
 * JVM shares classes only from jars, so the classes folders are jarred first, by the JDK's own jar
 * tool. If the archive cannot be made, the children start without it: slower, never different.
 */
public final class ChildJvm {

    private static final Path WORK = Path.of("target/child-jvm").toAbsolutePath();
    private static final Path ARCHIVE = WORK.resolve("classes.jsa");

    private static List<String> classPath;
    private static boolean archived;

    private ChildJvm() {}

    /** {@code java [sharing] OPTIONS -cp ... MAIN_CLASS}: append the main class's own arguments. */
    public static List<String> command(String mainClass, List<String> jvmOptions) {
        List<String> options = new ArrayList<>();
        synchronized (ChildJvm.class) {
            if (classPath == null) {
                classPath = jarredClassPath();
                archived = recordArchive();
            }
            if (archived) {
                // the JVM's own notes about the archive would land in the commands' output
                options.addAll(List.of("-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:disable"));
            }
        }
        options.addAll(jvmOptions);
        return java(options, mainClass);
    }

    /** {@code java OPTIONS -cp ... MAIN_CLASS} on the jarred class path. */
    private static List<String> java(List<String> options, String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options);
        command.addAll(List.of("-cp", String.join(":", classPath), mainClass));
        return command;
    }

    /** The tests' class path with each classes folder replaced by a jar of it. */
    private static List<String> jarredClassPath() {
        ToolProvider jar = ToolProvider.findFirst("jar").orElseThrow();
        List<String> entries = new ArrayList<>();
        try {
            FileSystemUtils.deleteRecursively(WORK);
            Files.createDirectories(WORK);
            for (String entry : System.getProperty("java.class.path").split(":")) {
                Path path = Path.of(entry);
                if (!Files.isDirectory(path)) {
                    entries.add(entry);
                    continue;
                }
                Path jarred = WORK.resolve(path.getFileName() + ".jar");
                int exit = jar.run(System.out, System.err, "--create", "--file", jarred.toString(), "-C", entry, ".");
                if (exit != 0) {
                    throw new IllegalStateException("jar could not pack " + entry + " (exit " + exit + ")");
                }
                entries.add(jarred.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Runs the demo once with {@code -XX:ArchiveClassesAtExit}; true when the archive is there to use. */
    private static boolean recordArchive() {
        Path home = WORK.resolve("demo-home");
        List<String> demo = new ArrayList<>(java(
                List.of(
                        "-XX:ArchiveClassesAtExit=" + ARCHIVE,
                        "-Xlog:disable",
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-Dcompliance.store.home=" + home),
                "kr.compliance.cli.Launcher"));
        demo.addAll(List.of("demo", "--out", WORK.resolve("demo-out").toString()));
        try {
            ProcessBuilder builder = new ProcessBuilder(demo)
                    .redirectErrorStream(true)
                    .redirectOutput(WORK.resolve("demo.log").toFile());
            builder.environment().put("COMPLIANCE_HOME", home.toString());
            builder.environment().remove("COMPLIANCE_DB_URL");
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
            }
            if (process.exitValue() == 0 && Files.size(ARCHIVE) > 0) {
                return true;
            }
            warn("the demo that records it ended with exit " + process.exitValue() + "; see " + WORK + "/demo.log");
        } catch (IOException | RuntimeException e) {
            warn(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static void warn(String why) {
        System.err.println("ChildJvm: child JVMs start without a class-data-sharing archive: " + why);
    }
}
