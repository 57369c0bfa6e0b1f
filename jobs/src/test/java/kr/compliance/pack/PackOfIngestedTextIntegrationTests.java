package kr.compliance.pack;

import static kr.compliance.store.jooq.Tables.REJECTED_RECORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kr.compliance.ingest.IngestService;
import kr.compliance.ingest.IngestSummary;
import kr.compliance.scoring.ScoringService;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.Quarter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Text the workbook cannot hold as it is, loaded through a real ingest, scored and packed. */
@SpringBootTest
class PackOfIngestedTextIntegrationTests {

    static final Path OUT = Path.of("target/pack-text-tests");
    static final String CHANGES_HEADER =
            "change_id,service,data_center,change_type,scale,summary,requested_by,started_at\n";
    static final String INCIDENTS_HEADER = "incident_id,service,data_center,severity,title,incident_type,"
            + "started_at,detected_at,users_affected_pct,detection_source\n";

    @Autowired
    IngestService ingest;

    @Autowired
    ScoringService scoring;

    @Autowired
    PackService packs;

    @Autowired
    DSLContext dsl;

    Path drop;

    @BeforeEach
    void emptyStoreAndFreshDrop() throws IOException {
        drop = EvidenceTables.clearWithFreshDrop(dsl);
        PackIntegrationTests.deleteTree(OUT);
    }

    private IngestSummary ingestAndScore(String changes, String incidents) throws IOException {
        Files.writeString(drop.resolve("changes.csv"), CHANGES_HEADER + changes, StandardCharsets.UTF_8);
        Files.writeString(drop.resolve("incidents.csv"), INCIDENTS_HEADER + incidents, StandardCharsets.UTF_8);
        IngestSummary summary = ingest.ingest(drop, null, Duration.ZERO);
        scoring.score(Quarter.parse("2026Q3"), Instant.parse("2026-10-05T00:00:00Z"), Duration.ZERO);
        return summary;
    }

    @Test
    void textOverTheCellLimitIsShortenedInTheWorkbookOnlyAndSaysWhereTheWholeValueIs() throws IOException {
        // 40,000 characters, 60,000 bytes: the store keeps it (TEXT holds 65,535 bytes)
        String longTitle = "장애 ".repeat(5_000) + "a".repeat(25_000);
        String hugeSummary = "x".repeat(10 * 1024 * 1024);
        IngestSummary summary = ingestAndScore(
                "CHG-1,talk,DC-A,UPDATE,MAJOR,ok,kim,2026-07-01T10:00+09:00\n" + "CHG-2,talk,DC-A,UPDATE,MAJOR,"
                        + hugeSummary + ",kim,2026-07-02T10:00+09:00\n",
                "INC-1,talk,DC-A,SEV1," + longTitle
                        + ",NETWORK,2026-07-10T22:05+09:00,2026-07-10T22:08+09:00,80,MONITORING\n");
        assertThat(summary.totals().inserted()).isEqualTo(2);
        assertThat(summary.totals().rejected()).isEqualTo(1);
        String storedRaw = dsl.fetchValue(REJECTED_RECORD.RAW_RECORD);
        assertThat(storedRaw).hasSizeGreaterThan(WorkbookText.EXCEL_MAX_CHARS);

        for (String lang : new String[] {"ko", "en"}) {
            Path pack = packs.pack(Quarter.parse("2026Q3"), null, OUT, lang).file();
            String incidentMarker = "ko".equals(lang)
                    ? "… [줄임: 전체 40,000자, 전체 값은 incidents.csv에 있음]"
                    : "… [shortened: 40,000 characters; the whole value is in incidents.csv]";
            String rawMarker = "ko".equals(lang)
                    ? "… [줄임: 전체 %,d자, 전체 값은 rejected-records.csv에 있음]".formatted(storedRaw.length())
                    : "… [shortened: %,d characters; the whole value is in rejected-records.csv]"
                            .formatted(storedRaw.length());
            try (XSSFWorkbook workbook = PackIntegrationTests.workbook(pack)) {
                String title = cell(workbook, "ko".equals(lang) ? "장애" : "Incidents", "INC-1", "title");
                assertThat(title)
                        .hasSize(WorkbookText.EXCEL_MAX_CHARS)
                        .isEqualTo(longTitle.substring(0, WorkbookText.EXCEL_MAX_CHARS - incidentMarker.length())
                                + incidentMarker);
                String raw = cell(workbook, "ko".equals(lang) ? "거부된 레코드" : "Rejected records", "changes.csv", 4);
                assertThat(raw)
                        .hasSizeLessThanOrEqualTo(WorkbookText.EXCEL_MAX_CHARS)
                        .endsWith(rawMarker);
                assertThat(storedRaw).startsWith(raw.substring(0, raw.length() - rawMarker.length()));
            }
            Map<String, byte[]> entries = PackIntegrationTests.unzip(pack);
            assertThat(text(entries, "incidents.csv")).contains("," + longTitle + ",");
            assertThat(text(entries, "rejected-records.csv")).contains(storedRaw);
            assertThat(PackVerifier.verify(pack).matches()).isTrue();
        }
    }

    @Test
    void controlCharactersOfARejectedRowAreShownEscapedInTheWorkbookAndKeptInTheCsv() throws IOException {
        ingestAndScore("CHG-1,talk,DC-A,UPDATE,MAJOR,\"nul\u0000 esc\u001B del\u007F tab\tend\",kim,not-a-time\n", "");

        Path pack = packs.pack(Quarter.parse("2026Q3"), null, OUT, "en").file();
        try (XSSFWorkbook workbook = PackIntegrationTests.workbook(pack)) {
            assertThat(cell(workbook, "Rejected records", "changes.csv", "Raw row"))
                    .startsWith("CHG-1,")
                    .contains("nul\\u0000 esc\\u001B del\\u007F tab\tend")
                    .doesNotContain("?");
        }
        assertThat(text(PackIntegrationTests.unzip(pack), "rejected-records.csv"))
                .contains("nul\u0000 esc\u001B del\u007F tab\tend");
        assertThat(PackVerifier.verify(pack).matches()).isTrue();
    }

    /** The text in a column of the first row of a sheet whose first cell is {@code first}. */
    private static String cell(XSSFWorkbook workbook, String sheetName, String first, String header) {
        XSSFSheet sheet = workbook.getSheet(sheetName);
        for (Cell cell : sheet.getRow(0)) {
            if (cell.getStringCellValue().equalsIgnoreCase(header)) {
                return cell(workbook, sheetName, first, cell.getColumnIndex());
            }
        }
        throw new AssertionError("no column " + header + " on " + sheetName);
    }

    private static String cell(XSSFWorkbook workbook, String sheetName, String first, int column) {
        XSSFSheet sheet = workbook.getSheet(sheetName);
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && first.equals(row.getCell(0).getStringCellValue())) {
                return row.getCell(column).getStringCellValue();
            }
        }
        throw new AssertionError("no row " + first + " on " + sheetName);
    }

    private static String text(Map<String, byte[]> entries, String name) {
        return new String(entries.get(name), StandardCharsets.UTF_8);
    }
}
