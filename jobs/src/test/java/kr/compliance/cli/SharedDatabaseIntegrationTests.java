package kr.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code compliance database} shares the home's embedded database with other processes on the
 * machine, as a user tries workers without a MySQL server: the lines it prints, run in a shell,
 * let a worker and the commands beside it in, and {@code workers} shows that worker (idle, then
 * silent while frozen, then gone once stopped); stopped, the database leaves the data to the home.
 */
class SharedDatabaseIntegrationTests {

    private static final Path SAMPLE = Path.of("src/main/resources/sample-drop").toAbsolutePath();
    private static final Duration START = Duration.ofMinutes(3);

    @Test
    void theHomesDatabaseSharedServesAWorkerAndTheCommandsBesideItThenStopsWithItsData() throws Exception {
        try (Commands commands = new Commands(Files.createTempDirectory("compliance-home-"))) {
            Commands.Running database = commands.start("database");
            assertThat(database.awaitOutput("export COMPLIANCE_DB_PASSWORD", START))
                    .as(database.err())
                    .isTrue();
            Map<String, String> shared = exportedBy(database.out());
            assertThat(shared.get("COMPLIANCE_DB_URL")).startsWith("jdbc:mysql://127.0.0.1:");
            assertThat(shared.get("COMPLIANCE_DB_PASSWORD"))
                    .isEqualTo(Files.readString(commands.home().resolve("db/credentials"), StandardCharsets.US_ASCII)
                            .strip());
            assertThat(database.out())
                    .as("the password stays in its file")
                    .doesNotContain(shared.get("COMPLIANCE_DB_PASSWORD"));

            Commands.Running worker = commands.startWithEnvironment(shared, "worker");
            assertThat(worker.awaitOutput("worker ready", START))
                    .as(worker.err())
                    .isTrue();
            Commands.Result ingest = commands.startWithEnvironment(shared, "ingest", "--from", SAMPLE.toString())
                    .awaitExit(START);
            assertThat(ingest.exitCode()).as(ingest.err()).isIn(ExitCodes.OK, ExitCodes.REJECTED_ROWS);
            Map<String, String> managed = new HashMap<>(shared);
            managed.put("COMPLIANCE_SCORING_WORKERS", "true");
            Commands.Result score = commands.startWithEnvironment(
                            managed, "score", "--period", "2026Q3", "--as-of", "2026-10-05T09:00+09:00")
                    .awaitExit(START);
            assertThat(score.exitCode()).as(score.err()).isZero();
            assertThat(score.out()).contains("OVERALL      68.4 RED");
            assertThat(worker.out()).contains("worker ran changeControlsStep:partition");

            String listed = "(?m)^\\S+ +" + worker.process().pid() + "  \\S+Z  \\d+ s ago +";
            Commands.Result idle =
                    commands.startWithEnvironment(shared, "workers").awaitExit(START);
            assertThat(idle.exitCode()).as(idle.err()).isZero();
            assertThat(idle.out())
                    .contains("compliance: 1 worker, 0 partition requests queued")
                    .containsPattern(listed + "nothing$");
            worker.signal("STOP");
            Thread.sleep(2_500);
            Map<String, String> impatient = new HashMap<>(shared);
            impatient.put("COMPLIANCE_SCORING_WORKER_HEARTBEAT", "PT1S");
            impatient.put("COMPLIANCE_SCORING_WORKER_LOST_AFTER", "PT2S");
            Commands.Result silent =
                    commands.startWithEnvironment(impatient, "workers").awaitExit(START);
            assertThat(silent.out())
                    .as("a frozen worker, silent for longer than worker-lost-after")
                    .containsPattern(listed + "nothing  \\(SILENT longer than PT2S: lost\\)$");
            worker.signal("CONT");

            worker.signal("TERM");
            worker.awaitExit(Duration.ofMinutes(1));
            Commands.Result none =
                    commands.startWithEnvironment(shared, "workers").awaitExit(START);
            assertThat(none.out())
                    .as("a worker stopped in order leaves the registry")
                    .contains("compliance: 0 workers, 0 partition requests queued")
                    .doesNotContain("HOST");
            database.signal("TERM");
            assertThat(database.awaitExit(Duration.ofMinutes(1)).exitCode())
                    .as("ended by SIGTERM, as a JVM does: 128 + 15")
                    .isEqualTo(143);

            Commands.Result again = commands.run("score", "--period", "2026Q3", "--as-of", "2026-10-05T09:00+09:00");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.out())
                    .as("the home's own commands find what the shared database kept")
                    .contains("OVERALL      68.4 RED");
        }
    }

    @Test
    void aDatabaseNamedAlreadyIsNotSharedAgain() throws Exception {
        try (Commands commands = new Commands(Files.createTempDirectory("compliance-home-"))) {
            Commands.Result refused = commands.startWithEnvironment(
                            Map.of("COMPLIANCE_DB_URL", "jdbc:mysql://db.example:3306/compliance"), "database")
                    .awaitExit(Duration.ofMinutes(1));

            assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(refused.err()).contains("is a server already").hasLineCount(1);
        }
    }

    /** What the database's {@code export} lines set, read back by a shell as the user would run them. */
    private static Map<String, String> exportedBy(String out) throws IOException, InterruptedException {
        String exports = out.lines().filter(line -> line.startsWith("export ")).reduce("", (a, b) -> a + b + "\n");
        Process shell = new ProcessBuilder(
                        "bash",
                        "-c",
                        exports
                                + "printf '%s\\n' \"$COMPLIANCE_DB_URL\" \"$COMPLIANCE_DB_USER\" \"$COMPLIANCE_DB_PASSWORD\"")
                .start();
        String[] values = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(values).hasSize(3);
        return Map.of(
                "COMPLIANCE_DB_URL", values[0], "COMPLIANCE_DB_USER", values[1], "COMPLIANCE_DB_PASSWORD", values[2]);
    }
}
