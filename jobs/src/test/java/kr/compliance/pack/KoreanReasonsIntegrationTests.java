package kr.compliance.pack;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;
import kr.compliance.ingest.IngestService;
import kr.compliance.scoring.ScoringService;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.Quarter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The Korean pack of the three outages (the demo's drop) words every reason in Korean, in
 * findings.csv and on the requirement sheets, and keeps each reason's code and parameters.
 */
@SpringBootTest
class KoreanReasonsIntegrationTests {

    static final Quarter Q3 = Quarter.parse("2026Q3");
    static final Instant AS_OF = Instant.parse("2026-10-05T00:00:00Z");
    static final Path OUT = Path.of("target", "korean-reasons");

    @Autowired
    DSLContext dsl;

    @Autowired
    IngestService ingest;

    @Autowired
    ScoringService scoring;

    @Autowired
    PackLauncher packs;

    /** One finding of each control, as a Korean reader should read it (sample-drop/README.md). */
    static final Map<String, String> EXPECTED = expected(
            "R1.1 CHG-106",
            "이 변경 작업의 테스트 기록이 없음; 작업 시작(2026-09-10T10:00+09:00) 전 30일 이내에 PASSED 사전테스트가 종료되어야 함;"
                    + " 예외 승인 EX-1에 따라 예외 처리됨",
            "R1.2 CHG-102",
            "최고 환경 동등성 0.62, 기준 0.9 미만 (테스트 T-201)",
            "R1.3 CHG-101",
            "파괴적 변경 작업의 보호조치 미비: 롤백 계획 없음, ROLLBACK 범위의 적격 사전테스트 없음",
            "R2.1 CHG-102",
            "요청자 본인(PARK)이 승인함; 승인 기한: 작업 시작(2026-08-01T18:00+09:00) 전",
            "R2.2 CHG-102",
            "승인된 작업 시간(2026-08-01T18:00+09:00 ~ 2026-08-01T20:00+09:00) 안에 시작했고 아직 종료되지 않음",
            "R2.3 CHG-103",
            "작업 시작(2026-08-02T10:00+09:00) 시점에 DC-PANGYO에서 2026-08-01T18:06+09:00부터 SEV2 장애 INC-2이(가) 진행 중이었음",
            "R3.1 INC-2",
            "장애 매뉴얼 RB-NET v1: 장애 발생 426일 8시간 6분 전인 2025-06-01T10:00+09:00에 검토됨 (기준 365일 초과)",
            "R3.2 RB-DB",
            "장애 매뉴얼 RB-DB v10에 담당 부서가 지정되지 않은 역할: COMMUNICATIONS",
            "R3.3 INC-2",
            "장애 지휘자 jung: 탐지 30분 후인 2026-08-01T18:40+09:00에 지정됨 (기준 15분 초과)",
            "R4.1 INC-2",
            "모니터링이 아닌 USER_REPORT(으)로 탐지함",
            "R4.2 INC-3",
            "영향 시작 15분 후인 2026-08-02T10:20+09:00에 탐지함 (기준 5분 초과)",
            "R5.1 INC-4",
            "아직 장애 회고 없음; 게시 기한: 복구 후 7일 이내(2026-10-07T21:00+09:00까지)",
            "R5.2 PM-2",
            "장애 INC-2의 회고가 완결되지 않음: 템플릿 버전 없음",
            "R5.3 AI-5",
            "2026-09-12T10:00+09:00에 완료됨: 기한(2026-09-10T18:00+09:00)보다 1일 16시간 늦음",
            "R6.1 INC-2",
            "최초(INITIAL) 고지 N-21(STATUS_PAGE): 탐지 40분 후인 2026-08-01T18:50+09:00에 게시됨 (기준 30분 초과)",
            "R6.2 INC-2",
            "탐지 후 60분 이내 1개 채널(STATUS_PAGE)로 고지함: 채널 2개 미만, SNS 채널 없음",
            "R6.3 INC-2",
            "복구(RESOLVED) 고지 N-22이(가) 2026-08-01T19:30+09:00에 게시되어 기한 범위를 벗어남;"
                    + " 고지 기한: 복구 시각(2026-08-01T18:12+09:00)부터 2026-08-01T19:12+09:00까지");

    @Test
    void everyReasonOfTheKoreanPackIsKoreanInTheCsvAndTheWorkbook() throws IOException {
        EvidenceTables.clear(dsl);
        ingest.ingest(Path.of("src/main/resources/sample-drop"), null, Duration.ZERO);
        long runId = scoring.score(Q3, AS_OF, Duration.ZERO).runId();
        Path pack =
                packs.make(new PackRequest(Q3, runId, "ko", OUT, Instant.now())).file();
        try (ZipFile zip = new ZipFile(pack.toFile())) {
            List<NamedCsvRecord> rows = findings(zip);
            assertThat(rows).hasSize(62);
            Map<String, String> shown = new TreeMap<>();
            for (NamedCsvRecord row : rows) {
                String reason = row.getField("reason");
                assertKorean(reason);
                assertThat(row.getField("reason_code")).startsWith(row.getField("control_id") + ".");
                assertThat(row.getField("reason_params")).startsWith("{").endsWith("}");
                shown.put(row.getField("control_id") + " " + row.getField("subject_id"), reason);
            }
            assertThat(shown).containsAllEntriesOf(EXPECTED);
            assertThat(EXPECTED.keySet().stream().map(key -> key.substring(0, 4)))
                    .as("every control that occurs in the three outages")
                    .containsExactlyElementsOf(rows.stream()
                            .map(row -> row.getField("control_id"))
                            .distinct()
                            .toList());
            NamedCsvRecord r62 = rows.stream()
                    .filter(row -> row.getField("control_id").equals("R6.2")
                            && row.getField("subject_id").equals("INC-2"))
                    .findFirst()
                    .orElseThrow();
            assertThat(r62.getField("reason_code")).isEqualTo("R6.2.channels-short");
            assertThat(r62.getField("reason_params"))
                    .isEqualTo("{\"within\":\"PT1H\",\"count\":1,\"channels\":[\"STATUS_PAGE\"],\"minChannels\":2,"
                            + "\"absent\":[\"SNS\"],\"problems\":[\"too-few-channels\",\"required-channel-absent\"]}");

            try (XSSFWorkbook workbook = new XSSFWorkbook(zip.getInputStream(zip.getEntry("evidence-2026Q3.xlsx")))) {
                Map<String, String> inSheets = new TreeMap<>();
                for (Sheet sheet : workbook) {
                    if (!sheet.getSheetName().matches("R\\d .*")) {
                        continue;
                    }
                    Row header = sheet.getRow(0);
                    assertThat(header.getCell(5).getStringCellValue()).isEqualTo("사유");
                    assertThat(header.getLastCellNum())
                            .as("no code or parameters for people")
                            .isEqualTo((short) 8);
                    for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                        Row row = sheet.getRow(i);
                        String reason = row.getCell(5).getStringCellValue();
                        assertKorean(reason);
                        inSheets.put(
                                row.getCell(0).getStringCellValue() + " "
                                        + row.getCell(3).getStringCellValue(),
                                reason);
                    }
                }
                assertThat(inSheets).isEqualTo(shown);
            }
        }
    }

    /** Worded in Korean, every template resolved: no English sentence left, no braces. */
    private static void assertKorean(String reason) {
        assertThat(reason)
                .containsPattern("\\p{IsHangul}")
                .doesNotContain("{", "}")
                .doesNotContainPattern("\\b(the|by|of|no|not|after|before|within|due)\\b");
    }

    private static Map<String, String> expected(String... controlSubjectAndReason) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < controlSubjectAndReason.length; i += 2) {
            expected.put(controlSubjectAndReason[i], controlSubjectAndReason[i + 1]);
        }
        return expected;
    }

    private static List<NamedCsvRecord> findings(ZipFile zip) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry("findings.csv"))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\uFEFF", "");
            return CsvReader.builder().ofNamedCsvRecord(text).stream().toList();
        }
    }
}
