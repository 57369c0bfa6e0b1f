package kr.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * A submission as a user makes it, each command its own JVM on one home: the submitted pack is what
 * {@code pack} gives afterwards whatever what-if runs follow, a resubmission needs a reason and keeps
 * the first pack's bytes, the next quarter compares with the submitted run, and {@code verify --chain}
 * finds a submission taken out of the folder.
 */
class SubmitCommandsIntegrationTests {

    private static final Pattern SUBMITTED = Pattern.compile("submitted (\\S+) run (\\d+) as submission (\\d+)");
    private static final Pattern PACK = Pattern.compile("pack (\\S+\\.zip) \\(");
    private static final Pattern SCORED = Pattern.compile("Scoring run (\\d+) of");

    @Test
    void submitWhatIfResubmitAndTheChain() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "submit-");
        try (Commands commands = new Commands(home)) {
            Path submissions = home.resolveSibling(home.getFileName() + "-submissions");
            Path packs = home.resolveSibling(home.getFileName() + "-packs");
            ok(commands.run(
                    "demo",
                    "--out",
                    home.resolveSibling(home.getFileName() + "-demo").toString()));

            Commands.Result first = ok(commands.run("submit", "--period", "2026Q3", "--out", submissions.toString()));
            long submittedRun = Long.parseLong(group(SUBMITTED, first.out(), 2));
            assertThat(first.out()).contains("by " + System.getProperty("user.name") + " at ");
            Path firstPack = Path.of(group(PACK, first.out(), 1));
            byte[] firstBytes = Files.readAllBytes(firstPack);

            // a what-if run after the submission: pack without --run still gives the submitted bytes
            long whatIf = Long.parseLong(group(
                    SCORED,
                    ok(commands.run("score", "--period", "2026Q3", "--as-of", "2026-08-02T10:30+09:00"))
                            .out(),
                    1));
            assertThat(whatIf).isGreaterThan(submittedRun);
            Commands.Result pack = ok(commands.run("pack", "--period", "2026Q3", "--out", packs.toString()));
            assertThat(pack.out()).contains("(run " + submittedRun + ", SUBMITTED,");
            assertThat(Files.readAllBytes(packs.resolve("compliance-pack-2026Q3.zip")))
                    .isEqualTo(firstBytes);

            // the next quarter, scored after the submission, compares with the submitted run, not the what-if
            ok(commands.run("score", "--period", "2026Q4", "--as-of", "2027-01-05T09:00+09:00"));
            Path q4Packs = home.resolveSibling(home.getFileName() + "-q4");
            ok(commands.run("pack", "--period", "2026Q4", "--lang", "en", "--out", q4Packs.toString()));
            Path q4Pack = q4Packs.resolve("compliance-pack-2026Q4.zip");
            byte[] q4Bytes = Files.readAllBytes(q4Pack);
            Map<String, String> submittedScores = scores(firstBytes);
            assertThat(previousQuarterColumn(q4Pack)).isEqualTo(submittedScores);
            Path whatIfPacks = home.resolveSibling(home.getFileName() + "-what-if");
            ok(commands.run(
                    "pack", "--period", "2026Q3", "--run", Long.toString(whatIf), "--out", whatIfPacks.toString()));
            assertThat(scores(Files.readAllBytes(whatIfPacks.resolve("compliance-pack-2026Q3.zip"))))
                    .as("the what-if run judged other findings")
                    .isNotEqualTo(submittedScores);

            Commands.Result refused = commands.run(
                    "submit", "--period", "2026Q3", "--run", Long.toString(whatIf), "--out", submissions.toString());
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(refused.err().strip())
                    .startsWith(
                            "compliance: error: 2026Q3 was submitted already (run " + submittedRun + ", submission ")
                    .endsWith("a resubmission needs a reason: give --reason TEXT (reason= through the API)")
                    .doesNotContain("\n");

            Commands.Result resubmitted = ok(commands.run(
                    "submit",
                    "--period",
                    "2026Q3",
                    "--run",
                    Long.toString(whatIf),
                    "--reason",
                    "late test evidence",
                    "--out",
                    submissions.toString()));
            assertThat(resubmitted.out()).contains("amending submission " + group(SUBMITTED, first.out(), 3));
            Path resubmittedPack = Path.of(group(PACK, resubmitted.out(), 1));

            // the superseded run's pack, and the next quarter's, made again: the same bytes
            Path again = home.resolveSibling(home.getFileName() + "-again");
            ok(commands.run(
                    "pack", "--period", "2026Q3", "--run", Long.toString(submittedRun), "--out", again.toString()));
            assertThat(Files.readAllBytes(again.resolve("compliance-pack-2026Q3.zip")))
                    .isEqualTo(firstBytes);
            ok(commands.run("pack", "--period", "2026Q4", "--lang", "en", "--out", again.toString()));
            assertThat(Files.readAllBytes(again.resolve("compliance-pack-2026Q4.zip")))
                    .isEqualTo(q4Bytes);

            Commands.Result q4 = ok(commands.run("submit", "--period", "2026Q4", "--out", submissions.toString()));
            Path q4Submitted = Path.of(group(PACK, q4.out(), 1));
            Commands.Result chain = ok(commands.run("verify", "--chain", submissions.toString()));
            assertThat(chain.out()).contains("holds an unbroken chain of 3 submitted packs");

            Files.move(resubmittedPack, home.resolveSibling(home.getFileName() + "-taken-out.zip"));
            Commands.Result broken = commands.run("verify", "--chain", submissions.toString());
            assertThat(broken.exitCode()).isEqualTo(ExitCodes.PACK_MISMATCH);
            assertThat(broken.err().strip())
                    .startsWith("compliance: mismatch: " + q4Submitted + " (2026Q4 run ")
                    .contains("not " + firstPack.getFileName() + "'s")
                    .endsWith("a submission between them is missing, or a pack was changed");
        }
    }

    private static Commands.Result ok(Commands.Result result) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result;
    }

    private static String group(Pattern pattern, String text, int group) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(group);
    }

    /** Requirement to score (empty for none) of a pack's {@code scores.csv}. */
    private static Map<String, String> scores(byte[] pack) throws IOException {
        Path file = Files.createTempFile(Path.of("target"), "pack-", ".zip");
        Files.write(file, pack);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String csv =
                    new String(zip.getInputStream(zip.getEntry("scores.csv")).readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> scores = new LinkedHashMap<>();
            csv.lines().skip(1).forEach(line -> {
                String[] fields = line.split(",");
                scores.put(fields[0], fields.length > 6 ? plain(fields[6]) : "");
            });
            return scores;
        } finally {
            Files.delete(file);
        }
    }

    /** The summary sheet's column of the previous quarter's scores, by requirement. */
    private static Map<String, String> previousQuarterColumn(Path pack) throws IOException {
        try (ZipFile zip = new ZipFile(pack.toFile());
                XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                        zip.getInputStream(zip.getEntry("evidence-2026Q4.xlsx")).readAllBytes()))) {
            XSSFSheet summary = workbook.getSheet("Summary");
            Row header = summary.getRow(2);
            int column = -1;
            for (Cell cell : header) {
                if (cell.getStringCellValue().contains("2026Q3")) {
                    column = cell.getColumnIndex();
                }
            }
            assertThat(column).as("a column of 2026Q3 in the summary").isNotNegative();
            Map<String, String> previous = new LinkedHashMap<>();
            for (int r = 3; r <= summary.getLastRowNum(); r++) {
                Row row = summary.getRow(r);
                if (row == null || row.getCell(0) == null || row.getCell(column) == null) {
                    continue;
                }
                Cell score = row.getCell(column);
                previous.put(
                        row.getCell(0).getStringCellValue(),
                        score.getCellType() == CellType.NUMERIC
                                ? plain(Double.toString(score.getNumericCellValue()))
                                : "");
            }
            return previous;
        }
    }

    private static String plain(String number) {
        return number.isEmpty()
                ? ""
                : new BigDecimal(number).stripTrailingZeros().toPlainString();
    }
}
