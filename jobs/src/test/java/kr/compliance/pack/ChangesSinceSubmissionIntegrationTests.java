package kr.compliance.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import kr.compliance.ingest.IngestService;
import kr.compliance.ingest.LateEvidence;
import kr.compliance.scoring.ScoringService;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.LedgerRows;
import kr.compliance.store.Quarter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A run scored after its period's submission, that differs from it, carries "Changes since the
 * submission" in its workbook and as CSV; the submitted run's pack does not, and a submission made
 * after a run never changes that run's pack.
 */
@SpringBootTest
class ChangesSinceSubmissionIntegrationTests {

    static final Quarter Q3 = Quarter.parse("2026Q3");
    static final Instant AS_OF = Instant.parse("2026-10-05T00:00:00Z");
    static final Path OUT = Path.of("target", "changes-since-submission");

    @Autowired
    DSLContext dsl;

    @Autowired
    IngestService ingest;

    @Autowired
    ScoringService scoring;

    @Autowired
    PackLauncher packs;

    @Test
    void aLaterRunThatDiffersFromTheSubmissionListsWhatChangedAndWhy() throws IOException {
        EvidenceTables.clear(dsl);
        ingest.ingest(Path.of("src/main/resources/sample-drop"), null, Duration.ZERO);
        long submitted = scoring.score(Q3, AS_OF, Duration.ZERO).runId();
        LateEvidence.load(ingest, "tests.csv", LateEvidence.PASSING_PRETEST_OF_CHG_101);
        long beforeTheSubmission =
                scoring.score(Q3, AS_OF.plusSeconds(1), Duration.ZERO).runId();
        byte[] packBefore = zipBytes(beforeTheSubmission);
        LedgerRows.submission(dsl, "2026Q3", submitted, Instant.parse("2026-10-10T01:00:00Z"));
        long later = scoring.score(Q3, AS_OF, Duration.ZERO).runId();

        Path laterPack = pack(later);
        try (ZipFile zip = new ZipFile(laterPack.toFile())) {
            List<String> packOrder = new ArrayList<>(PackEntries.OF_2026Q3);
            packOrder.add(packOrder.indexOf("findings.csv") + 1, PackContent.CHANGES);
            assertThat(zip.stream().map(ZipEntry::getName))
                    .as("in pack order, whatever order they were written in")
                    .containsExactlyElementsOf(packOrder);
            String csv = text(zip, PackContent.CHANGES);
            assertThat(csv.lines().toList())
                    .hasSize(3)
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("R1.1,CHANGE,CHG-101,FAIL,PASS,")
                            .contains("TEST T-901 revision 1"));
            try (XSSFWorkbook workbook = new XSSFWorkbook(zip.getInputStream(zip.getEntry("evidence-2026Q3.xlsx")))) {
                var sheet = workbook.getSheet("Changes since the submission");
                assertThat(sheet).isNotNull();
                assertThat(sheet.getLastRowNum())
                        .as("a header and two changed findings")
                        .isGreaterThanOrEqualTo(2);
            }
        }
        Path korean =
                packs.make(new PackRequest(Q3, later, "ko", OUT, Instant.now())).file();
        try (ZipFile zip = new ZipFile(korean.toFile())) {
            assertThat(text(zip, PackContent.CHANGES).lines())
                    .as("a Korean pack words the reasons before and after in Korean")
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("R1.1,CHANGE,CHG-101,FAIL,PASS,")
                            .contains("사전테스트")
                            .contains("통과한 사전테스트 T-901이(가)")
                            .doesNotContain("passing test"));
        }
        try (ZipFile zip = new ZipFile(pack(submitted).toFile())) {
            assertThat(zip.getEntry(PackContent.CHANGES))
                    .as("the submission itself")
                    .isNull();
        }
        assertThat(zipBytes(beforeTheSubmission))
                .as("a run scored before the submission keeps its bytes")
                .isEqualTo(packBefore);
    }

    /** Through the packJob, as every caller makes a pack: its step runs in a transaction. */
    private Path pack(long runId) {
        return packs.make(new PackRequest(Q3, runId, "en", OUT, Instant.now())).file();
    }

    private byte[] zipBytes(long runId) throws IOException {
        return java.nio.file.Files.readAllBytes(pack(runId));
    }

    private static String text(ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\uFEFF", "");
        }
    }
}
