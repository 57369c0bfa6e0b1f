package kr.compliance.scoring;

import static kr.compliance.store.jooq.Tables.FINDING;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import kr.compliance.ingest.IngestService;
import kr.compliance.pack.PackLauncher;
import kr.compliance.pack.PackRequest;
import kr.compliance.results.RatingBounds;
import kr.compliance.results.ScoringResults;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.Quarter;
import kr.compliance.store.Zones;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.FileSystemUtils;

/**
 * The three outages of the background, end to end: a destructive update with no pre-test; a tested
 * load-balancer change whose environment did not match production; a further update to the same
 * data centre while the cause was still open. Every finding and score is computed by hand in
 * {@code sample-drop/README.md} (the demo's drop).
 */
@SpringBootTest
class ThreeOutagesIntegrationTests {

    static final Quarter Q3 = Quarter.parse("2026Q3");
    static final Instant AS_OF = Instant.parse("2026-10-05T00:00:00Z");

    @Autowired
    Zones zones;

    @Autowired
    IngestService ingest;

    @Autowired
    ScoringService scoring;

    @Autowired
    ScoringResults results;

    @Autowired
    PackLauncher packs;

    @Autowired
    DSLContext dsl;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    Job scoreJob;

    @Autowired
    ScoringRuns runs;

    @Autowired
    DataSource dataSource;

    ScoringService.Result result;

    @BeforeEach
    void loadAndScore() {
        EvidenceTables.clear(dsl);
        ingest.ingest(Path.of("src/main/resources/sample-drop"), null, Duration.ZERO);
        result = scoring.score(Q3, AS_OF, Duration.ZERO);
    }

    @Test
    void everyFindingIsTheHandComputedOne() {
        List<String> findings = dsl.select(FINDING.CONTROL_ID, FINDING.SUBJECT_ID, FINDING.STATUS)
                .from(FINDING)
                .where(FINDING.RUN_ID.eq(result.runId()))
                .orderBy(FINDING.CONTROL_ID, FINDING.SUBJECT_ID)
                .fetch(row -> row.value1() + " " + row.value2() + " " + row.value3());

        assertThat(findings)
                .containsExactly(
                        "R1.1 CHG-101 FAIL",
                        "R1.1 CHG-102 PASS",
                        "R1.1 CHG-103 PASS",
                        "R1.1 CHG-105 PASS",
                        "R1.1 CHG-106 EXCEPTION",
                        "R1.2 CHG-102 FAIL",
                        "R1.2 CHG-103 PASS",
                        "R1.2 CHG-105 PASS",
                        "R1.3 CHG-101 FAIL",
                        "R1.3 CHG-105 PASS",
                        "R2.1 CHG-101 PASS",
                        "R2.1 CHG-102 FAIL",
                        "R2.1 CHG-104 PASS",
                        "R2.1 CHG-105 PASS",
                        "R2.2 CHG-101 PASS",
                        "R2.2 CHG-102 PASS",
                        "R2.2 CHG-105 PASS",
                        "R2.3 CHG-101 PASS",
                        "R2.3 CHG-102 PASS",
                        "R2.3 CHG-103 FAIL",
                        "R2.3 CHG-105 PASS",
                        "R2.3 CHG-106 PASS",
                        "R3.1 INC-1 PASS",
                        "R3.1 INC-2 FAIL",
                        "R3.1 INC-3 PASS",
                        "R3.1 INC-4 PASS",
                        "R3.2 RB-DB FAIL",
                        "R3.2 RB-NET PASS",
                        "R3.2 RB-STORAGE PASS",
                        "R3.3 INC-1 PASS",
                        "R3.3 INC-2 FAIL",
                        "R3.3 INC-3 PASS",
                        "R3.3 INC-4 PASS",
                        "R4.1 INC-1 PASS",
                        "R4.1 INC-2 FAIL",
                        "R4.1 INC-3 PASS",
                        "R4.1 INC-4 PASS",
                        "R4.2 INC-1 PASS",
                        "R4.2 INC-2 PASS",
                        "R4.2 INC-3 FAIL",
                        "R4.2 INC-4 PASS",
                        "R5.1 INC-1 PASS",
                        "R5.1 INC-2 FAIL",
                        "R5.1 INC-3 FAIL",
                        "R5.1 INC-4 PENDING",
                        "R5.2 PM-1 PASS",
                        "R5.2 PM-2 FAIL",
                        "R5.3 AI-1 PASS",
                        "R5.3 AI-2 FAIL",
                        "R5.3 AI-5 FAIL",
                        "R6.1 INC-1 PASS",
                        "R6.1 INC-2 FAIL",
                        "R6.1 INC-3 PASS",
                        "R6.1 INC-4 PASS",
                        "R6.2 INC-1 PASS",
                        "R6.2 INC-2 FAIL",
                        "R6.2 INC-3 PASS",
                        "R6.2 INC-4 PASS",
                        "R6.3 INC-1 PASS",
                        "R6.3 INC-2 FAIL",
                        "R6.3 INC-3 PASS",
                        "R6.3 INC-4 PASS");
    }

    @Test
    void reasonsNameTheNumbersAndRecordsThatDecided() {
        assertThat(reason("R1.2", "CHG-102")).isEqualTo("best parity 0.62 < 0.9 (test T-201)");
        assertThat(refs("R1.2", "CHG-102")).isEqualTo("T-201");
        assertThat(reason("R2.3", "CHG-103"))
                .isEqualTo("SEV2 incident INC-2 open on DC-PANGYO since 2026-08-01T18:06+09:00 when the change"
                        + " started (2026-08-02T10:00+09:00)");
        assertThat(refs("R2.3", "CHG-103")).isEqualTo("INC-2");
        assertThat(reason("R2.1", "CHG-102")).startsWith("approved by its own requester (PARK)");
        assertThat(reason("R1.1", "CHG-106")).endsWith("; covered by exception EX-1");
        assertThat(refs("R1.1", "CHG-106")).isEqualTo("EX-1");
        assertThat(reason("R3.1", "INC-2"))
                .isEqualTo("runbook RB-NET v1 reviewed 2025-06-01T10:00+09:00, 426 days 8 h 6 min before the incident"
                        + " (> 365 days)");
        assertThat(reason("R3.2", "RB-DB")).isEqualTo("runbook RB-DB v10 assigns no department for COMMUNICATIONS");
        assertThat(reason("R5.1", "INC-4")).startsWith("no postmortem yet; due within 7 days of resolution");
        assertThat(reason("R6.2", "INC-2"))
                .isEqualTo("1 channel(s) (STATUS_PAGE) within 60 min of detection: fewer than 2 channels and no SNS");
    }

    @Test
    void aFailureCoveredTwiceNamesTheLowestValidExceptionOnceAndASelfApprovedOneNever() throws IOException {
        Path drop = Files.createTempDirectory(Path.of("target"), "more-exceptions-");
        FileSystemUtils.copyRecursively(Path.of("src/main/resources/sample-drop"), drop);
        Files.writeString(drop.resolve("exceptions.csv"), """
                EX-0,R1.1,CHG-106,"a second approval of the same hotfix",cto,2026-09-01T00:00+09:00,2026-09-30T23:59+09:00
                EX-9,R1.1,CHG-106,"a third one",cto,2026-09-01T00:00+09:00,2026-09-30T23:59+09:00
                EX-4,R2.1,CHG-102,"approved by someone other than the requester",ciso,2026-07-01T00:00+09:00,2026-09-30T23:59+09:00
                """, StandardOpenOption.APPEND);
        ingest.ingest(drop, null, Duration.ZERO);
        result = scoring.score(Q3, AS_OF, Duration.ZERO);

        assertThat(reason("R1.1", "CHG-106"))
                .endsWith("; covered by exception EX-0")
                .containsOnlyOnce("covered by exception");
        assertThat(refs("R1.1", "CHG-106")).isEqualTo("EX-0");
        assertThat(finding("R2.1", "CHG-102").getStatus()).isEqualTo("EXCEPTION");
        assertThat(refs("R2.1", "CHG-102"))
                .as("EX-2 is lower but approved by the change's own requester")
                .isEqualTo("EX-4");
        assertThat(dsl.fetchCount(FINDING, FINDING.RUN_ID.eq(result.runId()), FINDING.STATUS.eq("EXCEPTION")))
                .isEqualTo(2);
    }

    private String reason(String control, String subject) {
        return finding(control, subject).getReason();
    }

    private String refs(String control, String subject) {
        return finding(control, subject).getEvidenceRefs();
    }

    private kr.compliance.store.jooq.tables.records.FindingRecord finding(String control, String subject) {
        return dsl.selectFrom(FINDING)
                .where(
                        FINDING.RUN_ID.eq(result.runId()),
                        FINDING.CONTROL_ID.eq(control),
                        FINDING.SUBJECT_ID.eq(subject))
                .fetchSingle();
    }

    @Test
    void scoresAreTheHandComputedOnes() {
        assertThat(result.scores())
                .extracting(
                        Score::requirement, Score::pass, Score::fail, Score::exception, Score::pending, Score::rating)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("R1", 6L, 3L, 1L, 0L, "RED"),
                        org.assertj.core.groups.Tuple.tuple("R2", 10L, 2L, 0L, 0L, "AMBER"),
                        org.assertj.core.groups.Tuple.tuple("R3", 8L, 3L, 0L, 0L, "RED"),
                        org.assertj.core.groups.Tuple.tuple("R4", 6L, 2L, 0L, 0L, "RED"),
                        org.assertj.core.groups.Tuple.tuple("R5", 3L, 5L, 0L, 1L, "RED"),
                        org.assertj.core.groups.Tuple.tuple("R6", 9L, 3L, 0L, 0L, "RED"),
                        org.assertj.core.groups.Tuple.tuple("OVERALL", 42L, 18L, 1L, 1L, "RED"));
        assertThat(result.scores())
                .extracting(Score::score)
                .containsExactly(
                        new BigDecimal("66.7"),
                        new BigDecimal("83.3"),
                        new BigDecimal("72.7"),
                        new BigDecimal("75.0"),
                        new BigDecimal("37.5"),
                        new BigDecimal("75.0"),
                        new BigDecimal("68.4"));
    }

    @Test
    void aSecondRunWithAnotherPolicyJudgesByItAndLeavesTheFirstRunUntouched() throws IOException {
        var before =
                dsl.selectFrom(FINDING).where(FINDING.RUN_ID.eq(result.runId())).fetch();
        ScoringService.Result again = scoring.score(Q3, AS_OF, Duration.ZERO);
        assertThat(again.runId())
                .as("same period, as-of, evidence and policy: the same run")
                .isEqualTo(result.runId());

        // the same period and as-of under a policy that accepts a pre-test of 60% production parity
        String defaultPolicy = Files.readString(Path.of("src/main/resources/policy/default-policy.yml"));
        String lenient = replaceOnce(
                replaceOnce(
                        replaceOnce(defaultPolicy, "version: \"2026.1\"", "version: \"2026.1-parity60\""),
                        "min-parity: 0.90",
                        "min-parity: 0.60"),
                "  green: 95.0\n  amber: 80.0",
                "  green: 90.0\n  amber: 70.0");
        Files.createDirectories(Path.of("target"));
        Path lenientFile = Files.writeString(Files.createTempFile(Path.of("target"), "policy-", ".yml"), lenient);
        ScoringService.Result other = new ScoringService(
                        jobOperator,
                        jobRepository,
                        scoreJob,
                        runs,
                        dataSource,
                        dsl,
                        new FileSystemResource(lenientFile),
                        zones)
                .score(Q3, AS_OF, Duration.ZERO);

        assertThat(other.runId()).as("another policy: another run").isNotEqualTo(result.runId());
        assertThat(other.policyVersion()).isEqualTo("2026.1-parity60");
        assertThat(runs.run(other.runId()).getPolicySha256())
                .isEqualTo(sha256(lenient))
                .isNotEqualTo(runs.run(result.runId()).getPolicySha256());
        assertThat(runs.run(other.runId()).getPolicyContent()).isEqualTo(lenient);
        // CHG-102's best pre-test had parity 0.62: failed at 0.90, passes at 0.60
        var parity = dsl.selectFrom(FINDING)
                .where(
                        FINDING.RUN_ID.eq(other.runId()),
                        FINDING.CONTROL_ID.eq("R1.2"),
                        FINDING.SUBJECT_ID.eq("CHG-102"))
                .fetchSingle();
        assertThat(parity.getStatus()).isEqualTo("PASS");
        assertThat(parity.getReason()).contains("0.62");
        assertThat(other.scores().getFirst())
                .extracting(Score::requirement, Score::pass, Score::fail, Score::exception, Score::score)
                .containsExactly("R1", 7L, 2L, 1L, new BigDecimal("77.8"));

        // the pack of each run draws the rating lines of its own policy
        assertThat(results.ratingBounds(results.run(other.runId()).orElseThrow()))
                .isEqualTo(new RatingBounds(new BigDecimal("90.0"), new BigDecimal("70.0")));
        assertThat(results.ratingBounds(results.run(result.runId()).orElseThrow()))
                .isEqualTo(new RatingBounds(new BigDecimal("95.0"), new BigDecimal("80.0")));
        Path pack = packs.make(
                        new PackRequest(Q3, other.runId(), "en", Path.of("target", "other-policy"), Instant.now()))
                .file();
        try (ZipFile zip = new ZipFile(pack.toFile());
                XSSFWorkbook workbook = new XSSFWorkbook(zip.getInputStream(zip.getEntry("evidence-2026Q3.xlsx")))) {
            List<String> summary = new ArrayList<>();
            workbook.getSheet("Summary").forEach(row -> row.forEach(cell -> summary.add(cell.toString())));
            assertThat(summary)
                    .anySatisfy(text -> assertThat(text).contains("GREEN from 90.0, AMBER from 70.0, else RED"))
                    .contains("GREEN from 90.0", "AMBER from 70.0");
        }

        // the first run keeps its policy, findings and scores
        assertThat(scoring.result(result.runId())).isEqualTo(result);
        assertThat(result.policyVersion()).isEqualTo("2026.1");
        assertThat(reason("R1.2", "CHG-102")).isEqualTo("best parity 0.62 < 0.9 (test T-201)");
        assertThat(dsl.selectFrom(FINDING)
                        .where(FINDING.RUN_ID.eq(result.runId()))
                        .fetch())
                .isEqualTo(before);
    }

    private static String replaceOnce(String text, String from, String to) {
        assertThat(text).containsOnlyOnce(from);
        return text.replace(from, to);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
