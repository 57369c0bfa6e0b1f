package kr.compliance.pack;

import static kr.compliance.pack.PackFixtures.Q3_END;
import static kr.compliance.pack.PackFixtures.Q3_START;
import static kr.compliance.store.jooq.Tables.SUBMISSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import kr.compliance.results.Run;
import kr.compliance.results.RunState;
import kr.compliance.results.ScoringResults;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.Quarter;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Submissions on the embedded database: the ledger's chain, the packs sent and made again, verify --chain. */
@SpringBootTest
class SubmissionIntegrationTests {

    static final Path OUT = Path.of("target/submission-tests").toAbsolutePath();
    static final Quarter Q2 = Quarter.parse("2026Q2");
    static final Quarter Q3 = Quarter.parse("2026Q3");

    @Autowired
    Submissions submissions;

    @Autowired
    SubmissionLedger ledger;

    @Autowired
    PackService packs;

    @Autowired
    ScoringResults results;

    @Autowired
    DSLContext dsl;

    long q2Run;
    long firstRun;
    long laterRun;

    @BeforeEach
    void twoQuarters() throws IOException {
        EvidenceTables.clear(dsl);
        PackIntegrationTests.deleteTree(OUT);
        Files.createDirectories(OUT);
        q2Run = PackFixtures.run(dsl, "2026Q2", Instant.parse("2026-03-31T15:00:00Z"), Q3_START, 1, "COMPLETED");
        PackFixtures.score(dsl, q2Run, "R1", 9, 1, "90.0", "AMBER");
        firstRun = PackFixtures.run(dsl, "2026Q3", Q3_START, Q3_END, 1, "COMPLETED");
        PackFixtures.score(dsl, firstRun, "R1", 3, 1, "75.0", "RED");
        PackFixtures.finding(dsl, firstRun, "R1.1", "CHG-1", "FAIL", "no pre-test", "CHG-1", null);
        PackFixtures.change(dsl, "CHG-1", 1, 1, null, "deploy", Instant.parse("2026-07-20T01:00:00Z"));
        laterRun = PackFixtures.run(dsl, "2026Q3", Q3_START, Q3_END, 1, "COMPLETED");
        PackFixtures.score(dsl, laterRun, "R1", 4, 0, "100.0", "GREEN");
        PackFixtures.finding(dsl, laterRun, "R1.1", "CHG-1", "PASS", "pre-test T-1 passed", "CHG-1;T-1", null);
    }

    private Submissions.Submitted submit(Quarter period, Long run, String reason, String by) {
        return submissions.submit(new Submissions.Request(period, run, reason, OUT, "en", by));
    }

    @Test
    void theSubmittedPackSaysSoAndIsMadeAgainByteForByte() throws IOException {
        Submissions.Submitted sent = submit(Q3, firstRun, null, "kim");
        Path file = sent.pack().file();
        assertThat(file).isEqualTo(OUT.resolve("compliance-submission-2026Q3-run-" + firstRun + ".zip"));
        assertThat(sent.row().packSha256())
                .isEqualTo(sha256(file))
                .isEqualTo(sent.pack().sha256());
        Map<String, byte[]> entries = PackIntegrationTests.unzip(file);
        assertThat(sent.row().manifestSha256()).isEqualTo(DigestUtils.sha256Hex(entries.get("manifest.json")));
        assertThat(PackVerifier.verify(file).matches()).isTrue();

        JsonNode submission = JsonMapper.builder()
                .build()
                .readTree(entries.get("manifest.json"))
                .get("submission");
        assertThat(submission.get("period").asString()).isEqualTo("2026Q3");
        assertThat(submission.get("runId").asLong()).isEqualTo(firstRun);
        assertThat(submission.get("submittedBy").asString()).isEqualTo("kim");
        // the row's instant in the report zone, microseconds kept
        assertThat(Instant.from(java.time.OffsetDateTime.parse(
                        submission.get("submittedAt").asString())))
                .isEqualTo(sent.row().submittedAt());
        assertThat(submission.get("amends").isNull()).isTrue();
        assertThat(submission.get("previousManifestSha256").isNull()).isTrue();
        try (XSSFWorkbook workbook = PackIntegrationTests.workbook(file)) {
            String cover = coverText(workbook.getSheetAt(0));
            assertThat(cover)
                    .contains("SUBMITTED: this is the pack of 2026Q3 sent to the ministry", "Submitted by kim");
            assertThat(cover).doesNotContain("DRAFT");
        }

        // made again later, by the ordinary pack of the run: the bytes that were sent
        Path again = Files.createDirectories(OUT.resolve("again"));
        PackService.PackResult remade = packs.pack(Q3, firstRun, again, "en");
        assertThat(remade.sha256()).isEqualTo(sent.row().packSha256());
        assertThat(Files.readAllBytes(remade.file())).isEqualTo(Files.readAllBytes(file));

        // a run never submitted is a draft on its cover and in its manifest
        PackService.PackResult draft = packs.pack(Q3, laterRun, again, "en");
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(PackIntegrationTests.unzip(draft.file()).get("manifest.json"))
                        .get("submission")
                        .isNull())
                .isTrue();
        try (XSSFWorkbook workbook = PackIntegrationTests.workbook(draft.file())) {
            assertThat(coverText(workbook.getSheetAt(0))).contains("DRAFT: not submitted");
        }
    }

    @Test
    void aResubmissionNeedsAReasonKeepsBothAndTheSupersededPackKeepsItsBytes() throws IOException {
        Submissions.Submitted first = submit(Q3, firstRun, null, "kim");
        byte[] firstBytes = Files.readAllBytes(first.pack().file());

        assertThatThrownBy(() -> submit(Q3, laterRun, "  ", "lee"))
                .isInstanceOf(SubmissionRefusedException.class)
                .hasMessageContaining("2026Q3 was submitted already (run " + firstRun)
                .hasMessageContaining("a resubmission needs a reason: give --reason TEXT");
        assertThat(dsl.fetchCount(SUBMISSION)).isEqualTo(1);
        assertThat(Files.exists(OUT.resolve("compliance-submission-2026Q3-run-" + laterRun + ".zip")))
                .isFalse();

        // the default is the latest completed run, not the submitted one
        Submissions.Submitted second = submit(Q3, null, "late test evidence of CHG-1", "lee");
        assertThat(second.row().runId()).isEqualTo(laterRun);
        assertThat(second.row().amendsSubmissionId()).isEqualTo(first.row().submissionId());
        assertThat(second.row().previousRowSha256()).isEqualTo(first.row().rowSha256());
        assertThat(second.row().previousManifestSha256()).isEqualTo(first.row().manifestSha256());
        assertThat(SubmissionLedger.rowSha256(second.row()))
                .isEqualTo(second.row().rowSha256());
        assertThat(SubmissionLedger.rowSha256(first.row()))
                .isEqualTo(first.row().rowSha256());
        assertThat(results.runs(Q3))
                .extracting(Run::runId, Run::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(laterRun, RunState.SUBMITTED),
                        org.assertj.core.groups.Tuple.tuple(firstRun, RunState.SUPERSEDED));
        try (XSSFWorkbook workbook = PackIntegrationTests.workbook(second.pack().file())) {
            assertThat(coverText(workbook.getSheetAt(0)))
                    .contains(
                            "Amends The submission of",
                            "by kim (scoring run " + firstRun + ", manifest SHA-256 "
                                    + first.row().manifestSha256())
                    .contains("Reason late test evidence of CHG-1");
        }

        // the superseded run's pack, made again after the resubmission: the bytes first sent
        Path again = Files.createDirectories(OUT.resolve("again"));
        assertThat(Files.readAllBytes(packs.pack(Q3, firstRun, again, "en").file()))
                .isEqualTo(firstBytes);

        assertThatThrownBy(() -> submit(Q3, firstRun, "back to the first", "kim"))
                .isInstanceOf(SubmissionRefusedException.class)
                .hasMessageContaining("run " + firstRun + " of 2026Q3 was submitted already");
    }

    @Test
    void theLedgerNeverForks() {
        Submissions.Submitted first = submit(Q3, firstRun, null, "kim");
        // a second successor of the same row, as two submitters racing without the lock would write
        assertThatThrownBy(() -> ledger.append(
                        null, "2026Q2", q2Run, "lee", Instant.now(), null, null, "ko", "a".repeat(64), "b".repeat(64)))
                .isInstanceOf(DataIntegrityViolationException.class);
        ledger.append(
                first.row(), "2026Q2", q2Run, "lee", Instant.now(), null, null, "ko", "a".repeat(64), "b".repeat(64));
        assertThatThrownBy(() -> ledger.append(
                        first.row(),
                        "2026Q2",
                        q2Run,
                        "lee",
                        Instant.now(),
                        null,
                        null,
                        "ko",
                        "a".repeat(64),
                        "b".repeat(64)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void verifyChainFindsAMissingSubmission() throws IOException {
        Path q2 = submit(Q2, q2Run, null, "kim").pack().file();
        Path q3 = submit(Q3, firstRun, null, "kim").pack().file();
        Path q3Again = submit(Q3, laterRun, "corrected", "lee").pack().file();
        // a submitted pack made again beside them changes nothing
        packs.pack(Q3, firstRun, OUT, "en");

        SubmissionChain.Result whole = SubmissionChain.verify(OUT, null);
        assertThat(whole.holds()).as(whole.problem()).isTrue();
        Path signer = OUT.resolveSibling("submission-tests-signer.pem");
        Files.write(signer, PackIntegrationTests.unzip(q2).get("signer.pem"));
        assertThat(SubmissionChain.verify(OUT, signer).holds()).isTrue();
        Path other = otherCertificate();
        SubmissionChain.Result untrusted = SubmissionChain.verify(OUT, other);
        assertThat(untrusted.brokenAt()).isEqualTo(OUT.resolve("compliance-pack-2026Q3.zip"));
        assertThat(untrusted.problem()).contains("does not verify: signer.pem", "the pack was signed by another key");
        assertThat(whole.links())
                .extracting(link -> link.submission().runId())
                .containsExactly(q2Run, firstRun, laterRun);

        Files.move(q3, OUT.resolve("again-elsewhere.zip.removed"));
        Files.delete(OUT.resolve("compliance-pack-2026Q3.zip"));
        SubmissionChain.Result broken = SubmissionChain.verify(OUT, null);
        assertThat(broken.holds()).isFalse();
        assertThat(broken.brokenAt()).isEqualTo(q3Again);
        assertThat(broken.problem())
                .contains("2026Q3 run " + laterRun)
                .contains("not " + q2.getFileName() + "'s")
                .contains("a submission between them is missing");
        assertThat(broken.links()).extracting(SubmissionChain.Link::file).containsExactly(q2);

        Files.delete(q2);
        assertThat(SubmissionChain.verify(OUT, null).problem())
                .contains("which no earlier pack in the folder has: the submission before it is missing");
    }

    @Test
    void aWrongRequestIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> submissions.submit(new Submissions.Request(Q3, null, null, OUT, "fr", "kim")))
                .isInstanceOf(SubmissionRefusedException.class)
                .hasMessage("the pack language is ko or en, not 'fr'");
        assertThatThrownBy(() -> submit(Q3, firstRun, "x".repeat(2001), "kim")).hasMessageContaining("at most 2000");
        assertThatThrownBy(() -> submit(Quarter.parse("2027Q1"), null, null, "kim"))
                .hasMessage("no completed scoring run for 2027Q1: run 'compliance score --period 2027Q1' first");
        assertThat(dsl.fetchCount(SUBMISSION)).isZero();
    }

    /** A certificate of another key, made by the real openssl. */
    private static Path otherCertificate() throws IOException {
        Path key = OUT.resolveSibling("submission-tests-other.key");
        Path certificate = OUT.resolveSibling("submission-tests-other.pem");
        try {
            Process openssl = new ProcessBuilder(
                            "openssl",
                            "req",
                            "-x509",
                            "-newkey",
                            "rsa:2048",
                            "-nodes",
                            "-subj",
                            "/CN=someone else",
                            "-days",
                            "1",
                            "-keyout",
                            key.toString(),
                            "-out",
                            certificate.toString())
                    .redirectErrorStream(true)
                    .start();
            openssl.getInputStream().readAllBytes();
            assertThat(openssl.waitFor()).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return certificate;
    }

    private static String coverText(XSSFSheet cover) {
        StringBuilder text = new StringBuilder();
        cover.forEach(row -> {
            row.forEach(cell -> text.append(cell.toString()).append(' '));
            text.append('\n');
        });
        return text.toString();
    }

    private static String sha256(Path file) throws IOException {
        return DigestUtils.sha256Hex(Files.readAllBytes(file));
    }
}
