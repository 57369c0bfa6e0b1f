package kr.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kr.compliance.generate.DropGenerator;
import kr.compliance.store.EmbeddedMariaDb;
import kr.compliance.store.Quarter;
import kr.compliance.store.TableFingerprints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.FileSystemUtils;

/**
 * The fault suite: SIGKILL of the command's JVM, and separately of its database server, in the
 * middle of ingest, score and pack, each followed by the same commands run again. The stored rows
 * and the pack's bytes must equal those of one clean run, and the rerun must not wait on the dead
 * process's leftovers. Every command is its own process on its own embedded home, as a user runs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultIntegrationTests {

    private static final int CHANGES = 40_000;
    private static final String PERIOD = "2026Q3";
    private static final String AS_OF = "2026-10-05T09:00+09:00";
    private static final List<String> TABLES = Stream.concat(
                    TableFingerprints.LOADED.stream(), Stream.of("scoring_run", "finding", "requirement_score"))
            .toList();
    /** Bookkeeping that differs between any two runs, killed or not: when, and which JVM. */
    private static final List<String> RUN_BOOKKEEPING =
            List.of("load_id", "superseded_by_load", "started_at", "finished_at", "job_execution_id");

    private Path drop;
    /** The clean run's home after each stage but the last, copied while no server held it. */
    private final Map<String, Path> cleanHomeAfter = new java.util.HashMap<>();

    private Map<String, String> cleanRows;
    private String cleanPack;
    private byte[] signingKey;

    @BeforeAll
    void oneCleanRun() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "faults-");
        drop = work.resolve("drop");
        Quarter q3 = Quarter.parse(PERIOD);
        new DropGenerator(23, q3.start(ZoneId.of("Asia/Seoul")), q3.end(ZoneId.of("Asia/Seoul"))).write(drop, CHANGES);
        try (Commands clean = new Commands(work.resolve("clean"))) {
            assertThat(clean.run("ingest", "--from", drop.toString()).exitCode())
                    .isZero();
            cleanHomeAfter.put("ingest", copy(clean.home(), work.resolve("clean-after-ingest")));
            assertThat(clean.run("score", "--period", PERIOD, "--as-of", AS_OF).exitCode())
                    .isZero();
            cleanHomeAfter.put("score", copy(clean.home(), work.resolve("clean-after-score")));
            cleanPack = pack(clean);
            cleanRows = rows(clean.home());
            // the pack's signature is part of its bytes: every home below signs with this key
            signingKey = Files.readAllBytes(clean.signingKey());
        }
    }

    @ParameterizedTest(name = "SIGKILL of the {1} during {0}")
    @CsvSource({"ingest, jvm", "ingest, database", "score, jvm", "score, database", "pack, jvm", "pack, database"})
    void aKilledStageRunAgainEqualsOneCleanRun(String stage, String victim) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fault-" + stage + "-" + victim);
        try (Commands commands = new Commands(home)) {
            List<String> stages = List.of("ingest", "score", "pack");
            if (!stage.equals("ingest")) {
                // the stages before the killed one are the clean run's own: its home as they left it
                copy(cleanHomeAfter.get(stages.get(stages.indexOf(stage) - 1)), home);
            }
            commands.useSigningKey(signingKey);

            Commands.Running running = commands.start(stageArguments(commands, stage));
            ProcessHandle server = awaitServer(home, running);
            awaitMidway(stage, commands, running);
            assertThat(running.process().isAlive())
                    .as("%s is still under way when it is killed", stage)
                    .isTrue();
            if (victim.equals("jvm")) {
                running.process().destroyForcibly();
                Commands.Result killed = running.awaitExit(Duration.ofSeconds(30));
                assertThat(killed.exitCode()).isEqualTo(137);
            } else {
                server.destroyForcibly();
                Commands.Result failed = running.awaitExit(Duration.ofMinutes(2));
                assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
                assertThat(failed.err().strip())
                        .hasLineCount(1)
                        .startsWith("compliance: error: the database was lost while the command ran")
                        .contains("run the same command again");
            }

            Instant rerun = Instant.now();
            for (String after : stages.subList(stages.indexOf(stage), stages.size() - 1)) {
                runStage(commands, after);
            }
            String pack = pack(commands);
            assertThat(Duration.between(rerun, Instant.now()))
                    .as("the rerun does not wait on the dead process's leftovers")
                    .isLessThan(Duration.ofMinutes(4));
            assertThat(pack).as("the pack's SHA-256").isEqualTo(cleanPack);
            assertThat(rows(home)).isEqualTo(cleanRows);
            assertThat(leftovers(commands.home().resolveSibling(home.getFileName() + "-out")))
                    .as("no scratch folder is left beside the pack")
                    .isEmpty();
        }
    }

    private static Path copy(Path home, Path to) throws IOException {
        FileSystemUtils.copyRecursively(home, to);
        return to;
    }

    private void runStage(Commands commands, String stage) throws IOException, InterruptedException {
        if (stage.equals("pack")) {
            pack(commands);
            return;
        }
        Commands.Result result = commands.run(stageArguments(commands, stage));
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    private String[] stageArguments(Commands commands, String stage) {
        return switch (stage) {
            case "ingest" -> new String[] {"ingest", "--from", drop.toString()};
            case "score" -> new String[] {"score", "--period", PERIOD, "--as-of", AS_OF};
            case "pack" ->
                new String[] {
                    "pack", "--period", PERIOD, "--out", outDir(commands).toString()
                };
            default -> throw new IllegalArgumentException(stage);
        };
    }

    private static Path outDir(Commands commands) {
        return commands.home().resolveSibling(commands.home().getFileName() + "-out");
    }

    /** Packs and returns the pack's SHA-256 as the command printed it. */
    private String pack(Commands commands) throws IOException, InterruptedException {
        Commands.Result result = commands.run(stageArguments(commands, "pack"));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out().replaceAll("(?s).*sha256 ([0-9a-f]{64}).*", "$1");
    }

    /** The server the command started, once it has written its pid. */
    private static ProcessHandle awaitServer(Path home, Commands.Running running) throws Exception {
        Path pidFile = home.resolve("db/mariadbd.pid");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline) && running.process().isAlive()) {
            if (Files.exists(pidFile)) {
                String pid =
                        Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
                if (!pid.isEmpty()) {
                    return ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the command started no server: " + running.err());
    }

    /** Waits until the stage has done part of its work: rows loaded, a run under way, a pack being written. */
    private static void awaitMidway(String stage, Commands commands, Commands.Running running) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline) && running.process().isAlive()) {
            boolean midway = switch (stage) {
                case "ingest" -> count(commands.home(), "SELECT COUNT(*) FROM change_record") > 0;
                case "score" -> count(commands.home(), "SELECT COUNT(*) FROM scoring_run WHERE status = 'STARTED'") > 0;
                case "pack" -> !leftovers(outDir(commands)).isEmpty();
                default -> throw new IllegalArgumentException(stage);
            };
            if (midway) {
                if (stage.equals("score")) {
                    Thread.sleep(1000); // into the controls' work, past the run's opening
                }
                return;
            }
            Thread.sleep(20);
        }
    }

    private static List<Path> leftovers(Path outDir) throws IOException {
        if (!Files.isDirectory(outDir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(outDir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".pack-"))
                    .toList();
        }
    }

    /** A count from the command's own server, through the home's account; -1 while it cannot answer yet. */
    private static long count(Path home, String sql) {
        try (Connection connection = connect(home);
                var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException | IOException e) {
            return -1;
        }
    }

    private static Connection connect(Path home) throws IOException, SQLException {
        String pid = Files.readString(home.resolve("db/mariadbd.pid"), StandardCharsets.US_ASCII)
                .strip();
        String commandLine = Files.readString(Path.of("/proc", pid, "cmdline"), StandardCharsets.UTF_8);
        String port = commandLine.replaceAll("(?s).*--port=(\\d+).*", "$1");
        String password = Files.readString(home.resolve("db/credentials"), StandardCharsets.US_ASCII)
                .strip();
        return DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:" + port + "/compliance?useSSL=false&connectTimeout=2000",
                "compliance",
                password);
    }

    /** Every stored row but run bookkeeping, hashed per table in key order, read from the home's own server. */
    private static Map<String, String> rows(Path home) throws Exception {
        try (EmbeddedMariaDb db = new EmbeddedMariaDb(home, "compliance")) {
            db.start();
            try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                return TableFingerprints.of(connection, "compliance", TABLES, RUN_BOOKKEEPING);
            }
        }
    }
}
