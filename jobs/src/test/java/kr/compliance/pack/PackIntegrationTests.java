package kr.compliance.pack;

import static kr.compliance.pack.PackFixtures.Q3_END;
import static kr.compliance.pack.PackFixtures.Q3_START;
import static kr.compliance.store.jooq.Tables.EVIDENCE_PACK;
import static kr.compliance.store.jooq.Tables.SCORING_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import kr.compliance.ChildJvm;
import kr.compliance.cli.Launcher;
import kr.compliance.results.Catalogue;
import kr.compliance.results.ExceptionCoverages;
import kr.compliance.results.RunDiffs;
import kr.compliance.results.RunNotFoundException;
import kr.compliance.results.ScoringResults;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.Quarter;
import kr.compliance.store.StoreProperties;
import kr.compliance.store.StoreUrls;
import kr.compliance.store.Zones;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.util.TempFileCreationStrategy;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class PackIntegrationTests {

    static final Path OUT = Path.of("target/pack-tests");

    @Autowired
    ScoringResults results;

    @Autowired
    RunDiffs diffs;

    @Autowired
    ExceptionCoverages exceptionCoverages;

    @Autowired
    DSLContext dsl;

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    PackService packs;

    @Autowired
    PackRepository repository;

    @Autowired
    PackSigningKeys signingKeys;

    @Autowired
    Zones zones;

    @Autowired
    StoreProperties store;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    Job packJob;

    long runId;

    @BeforeEach
    void evidenceOfOneQuarter() throws IOException {
        EvidenceTables.clear(dsl);
        deleteTree(OUT);
        Files.createDirectories(OUT);
        long previous =
                PackFixtures.run(dsl, "2026Q2", Instant.parse("2026-03-31T15:00:00Z"), Q3_START, 2, "COMPLETED");
        PackFixtures.score(dsl, previous, "R1", 9, 1, "90.0", "AMBER");
        PackFixtures.run(dsl, "2026Q3", Q3_START, Q3_END, 4, "COMPLETED");
        runId = PackFixtures.run(dsl, "2026Q3", Q3_START, Q3_END, 5, "COMPLETED");
        // the previous quarter's run it is compared with, as scoring fixes it when the run is made
        dsl.update(SCORING_RUN)
                .set(SCORING_RUN.PREVIOUS_RUN_ID, previous)
                .where(SCORING_RUN.RUN_ID.eq(runId))
                .execute();
        PackFixtures.run(dsl, "2026Q3", Q3_START, Q3_END, 6, "FAILED");
        String[][] scores = {
            {"R1", "3", "1", "75.0", "RED"}, {"R2", "19", "1", "95.0", "GREEN"}, {"R3", "0", "0", null, "NO_DATA"},
            {"R4", "17", "3", "85.0", "AMBER"}, {"R5", "1", "0", "100.0", "GREEN"}, {"R6", "0", "1", "0.0", "RED"},
            {"OVERALL", "40", "6", "71.0", "RED"}
        };
        for (String[] s : scores) {
            PackFixtures.score(dsl, runId, s[0], Long.parseLong(s[1]), Long.parseLong(s[2]), s[3], s[4]);
        }
        PackFixtures.finding(dsl, runId, "R1.1", "CHG-1", "PASS", "pre-test T-1 passed", "CHG-1;T-1", null);
        PackFixtures.finding(dsl, runId, "R1.1", "CHG-2", "FAIL", "=HYPERLINK(\"http://x\")", "CHG-2", null);
        PackFixtures.finding(dsl, runId, "R1.2", "-CHG-3", "PASS", "best parity 0.95", "CHG-3;T-3", null);
        PackFixtures.finding(dsl, runId, "R1.2", "CHG-1", "PASS", "best parity 0.95", "CHG-1;T-1", null);
        PackFixtures.finding(dsl, runId, "R2.1", "CHG-1", "EXCEPTION", "approved after start", "CHG-1;EX-1", "EX-1");
        PackFixtures.finding(dsl, runId, "R6.1", "INC-1", "FAIL", "no initial notice", "INC-1", null);
        PackFixtures.change(dsl, "CHG-1", 1, 1, 3L, "old summary", Instant.parse("2026-07-20T01:00:00Z"));
        PackFixtures.change(dsl, "CHG-1", 2, 3, 6L, "=SUM(A1:A9)", Instant.parse("2026-07-20T01:00:00Z"));
        PackFixtures.change(dsl, "CHG-1", 3, 6, null, "loaded after the run", Instant.parse("2026-07-20T01:00:00Z"));
        PackFixtures.change(dsl, "CHG-Q2", 1, 1, null, "last quarter", Instant.parse("2026-05-20T01:00:00Z"));
        PackFixtures.test(dsl, "T-1", "CHG-1", 1, Instant.parse("2026-07-19T01:00:00Z"));
        PackFixtures.test(dsl, "T-404", "CHG-404", 1, Instant.parse("2026-07-19T01:00:00Z"));
        PackFixtures.incident(dsl, "INC-1", "CHG-404", 2, Instant.parse("2026-08-02T03:00:00Z"));
        PackFixtures.runbook(dsl, "RB-1", "COMMANDER=SRE;COMMUNICATIONS", 1);
        PackFixtures.exception(dsl, "EX-1", "R2.1", "CHG-1", 1);
        PackFixtures.rejection(dsl, 2, 7, "CHG-9,+cmd,bad", null);
        PackFixtures.rejection(dsl, 2, 8, "CHG-8,old", Instant.parse("2026-05-01T00:00:00Z"));
        PackFixtures.rejection(dsl, 7, 9, "CHG-7,later", null);
    }

    @Test
    void writesTheEntriesOfFormatsMdFromTheLatestCompletedRun() throws IOException {
        PackService.PackResult result = packs.pack(Quarter.parse("2026Q3"), null, OUT, "ko");

        assertThat(result.file()).isEqualTo(OUT.resolve("compliance-pack-2026Q3.zip"));
        assertThat(result.run().runId()).isEqualTo(runId);
        Map<String, byte[]> entries = unzip(result.file());
        assertThat(entries.keySet()).containsExactlyElementsOf(PackEntries.OF_2026Q3);
        assertThat(Files.list(OUT).map(p -> p.getFileName().toString())).containsExactly("compliance-pack-2026Q3.zip");
        assertThat(dsl.fetchCount(EVIDENCE_PACK, EVIDENCE_PACK.RUN_ID.eq(runId)))
                .isEqualTo(1);

        byte[] scores = entries.get("scores.csv");
        assertThat(scores).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(lines(scores))
                .containsExactly(
                        "requirement,title,pass,fail,exception,pending,score,rating",
                        "R1,사전테스트 체계 강화,3,1,0,0,75,RED",
                        "R2,작업관리 통제,19,1,0,0,95,GREEN",
                        "R3,재난·장애 매뉴얼·지침,0,0,0,0,,NO_DATA",
                        "R4,모니터링 고도화,17,3,0,0,85,AMBER",
                        "R5,장애 회고 프로세스 표준화,1,0,0,0,100,GREEN",
                        "R6,이용자 고지,0,1,0,0,0,RED",
                        "OVERALL,종합,40,6,0,0,71,RED");
        assertThat(lines(entries.get("findings.csv")))
                .containsExactly(
                        // findings stored before reasons had codes: their text as it is, no code or parameters
                        "control_id,requirement,subject_type,subject_id,status,reason,evidence_refs,reference_time,"
                                + "reason_code,reason_params",
                        "R1.1,R1,CHANGE,CHG-1,PASS,pre-test T-1 passed,CHG-1;T-1,2026-07-20T10:02:00+09:00,,",
                        "R1.1,R1,CHANGE,CHG-2,FAIL,\"'=HYPERLINK(\"\"http://x\"\")\",CHG-2,2026-07-20T10:02:00+09:00,,",
                        "R1.2,R1,CHANGE,'-CHG-3,PASS,best parity 0.95,CHG-3;T-3,2026-07-20T10:02:00+09:00,,",
                        "R1.2,R1,CHANGE,CHG-1,PASS,best parity 0.95,CHG-1;T-1,2026-07-20T10:02:00+09:00,,",
                        "R2.1,R2,CHANGE,CHG-1,EXCEPTION,approved after start,CHG-1;EX-1,2026-07-20T10:02:00+09:00,,",
                        "R6.1,R6,INCIDENT,INC-1,FAIL,no initial notice,INC-1,2026-07-20T10:02:00+09:00,,");
        List<String> changes = lines(entries.get("changes.csv"));
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).startsWith("change_id,revision,load_id,source_line,service,data_center,change_type");
        assertThat(changes.get(1)).startsWith("CHG-1,2,3,2,카카오톡,DC-A,UPDATE").contains(",'=SUM(A1:A9),");
        assertThat(lines(entries.get("tests.csv")))
                .hasSize(2)
                .last()
                .asString()
                .startsWith("T-1,1,1,2,CHG-1,staging,0.95,");
        assertThat(lines(entries.get("exceptions.csv")))
                .containsExactly(
                        "exception_id,control_id,subject_id,reason,approved_by,valid_from,valid_until,covered_count,"
                                + "covered_findings,covers_nothing_because",
                        "EX-1,R2.1,CHG-1,긴급 보안 패치,park,2026-07-01T09:00:00+09:00,2026-07-31T09:00:00+09:00,1,R2.1 CHG-1,");
        assertThat(lines(entries.get("rejected-records.csv")))
                .containsExactly(
                        "file,line,column,reason,raw",
                        "changes.csv,7,started_at,started_at: not a timestamp,\"CHG-9,+cmd,bad\"");

        PackManifest manifest = PackManifest.fromJson(entries.get("manifest.json"));
        assertThat(manifest.period()).isEqualTo("2026Q3");
        assertThat(manifest.asOf()).isEqualTo("2026-10-02T09:00:00+09:00");
        assertThat(manifest.policyVersion()).isEqualTo("2026.1");
        assertThat(manifest.entries()).hasSize(12);
        assertThat(manifest.entries().get(2))
                .extracting(PackManifest.Entry::name, PackManifest.Entry::rows)
                .containsExactly("findings.csv", 6L);
    }

    @Test
    void workbookHasStyledSheetsRealDatesTextCellsAndAChart() throws IOException {
        PackService.PackResult result = packs.pack(Quarter.parse("2026Q3"), null, OUT, "ko");
        try (XSSFWorkbook workbook = workbook(result.file())) {
            List<String> names = new ArrayList<>();
            workbook.forEach(s -> names.add(s.getSheetName()));
            assertThat(names)
                    .containsExactly(
                            "표지",
                            "요약",
                            "R1 사전테스트 체계 강화",
                            "R2 작업관리 통제",
                            "R3 재난·장애 매뉴얼·지침",
                            "R4 모니터링 고도화",
                            "R5 장애 회고 프로세스 표준화",
                            "R6 이용자 고지",
                            "예외 승인",
                            "데이터 품질",
                            "거부된 레코드",
                            "참조 오류",
                            "변경 작업",
                            "사전테스트",
                            "장애",
                            "이용자 고지",
                            "장애 회고",
                            "후속 조치",
                            "장애 매뉴얼");
            XSSFSheet summary = workbook.getSheet("요약");
            Row r1 = summary.getRow(3);
            assertThat(r1.getCell(0).getStringCellValue()).isEqualTo("R1");
            assertThat(r1.getCell(2).getNumericCellValue()).isEqualTo(75.0);
            assertThat(r1.getCell(8).getNumericCellValue()).isEqualTo(90.0);
            assertThat(fill(r1.getCell(3))).isEqualTo("FFC7CE");
            assertThat(fill(summary.getRow(4).getCell(3))).isEqualTo("C6EFCE");
            assertThat(fill(summary.getRow(6).getCell(3))).isEqualTo("FFEB9C");
            assertThat(summary.getDrawingPatriarch().getCharts()).hasSize(1);

            XSSFSheet r1Sheet = workbook.getSheet("R1 사전테스트 체계 강화");
            assertThat(r1Sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("통제 항목");
            assertThat(r1Sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(r1Sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:H5");
            // the FAIL comes first
            Cell formulaLike = r1Sheet.getRow(1).getCell(5);
            assertThat(formulaLike.getCellType()).isEqualTo(CellType.STRING);
            assertThat(formulaLike.getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://x\")");
            Cell date = r1Sheet.getRow(1).getCell(7);
            assertThat(date.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(date)).isTrue();
            assertThat(date.getLocalDateTimeCellValue()).isEqualTo("2026-07-20T10:02:00");

            assertThat(workbook.getSheet("참조 오류").getRow(1).getCell(1).getStringCellValue())
                    .isEqualTo("T-404");
            assertThat(workbook.getProperties().getCoreProperties().getIdentifier())
                    .isEqualTo(result.manifest().packHash());
        }
        try (XSSFWorkbook english =
                workbook(packs.pack(Quarter.parse("2026Q3"), null, OUT, "en").file())) {
            assertThat(english.getSheetAt(2).getSheetName()).isEqualTo("R1 Pre-change testing");
        }
    }

    @Test
    void everyRequirementSheetShowsItsFailuresFirstFilledRedThenPendingExceptionPass() throws IOException {
        PackFixtures.finding(dsl, runId, "R1.3", "CHG-5", "FAIL", "no rollback plan", "CHG-5", null);
        PackFixtures.finding(dsl, runId, "R1.1", "CHG-6", "PENDING", "test not reported yet", "CHG-6", null);
        PackFixtures.finding(dsl, runId, "R1.2", "CHG-7", "EXCEPTION", "parity 0.5", "CHG-7;EX-1", "EX-1");
        PackFixtures.change(dsl, "CHG-2", 1, 1, null, "failed change", Instant.parse("2026-07-21T01:00:00Z"));
        PackService.PackResult result = packs.pack(Quarter.parse("2026Q3"), null, OUT, "en");
        try (XSSFWorkbook workbook = workbook(result.file())) {
            XSSFSheet r1 = workbook.getSheet("R1 Pre-change testing");
            List<String> rows = new ArrayList<>();
            for (int i = 1; i <= r1.getLastRowNum(); i++) {
                Row row = r1.getRow(i);
                rows.add(row.getCell(4).getStringCellValue() + " "
                        + row.getCell(0).getStringCellValue() + " "
                        + row.getCell(3).getStringCellValue());
            }
            assertThat(rows)
                    .containsExactly(
                            "FAIL R1.1 CHG-2",
                            "FAIL R1.3 CHG-5",
                            "PENDING R1.1 CHG-6",
                            "EXCEPTION R1.2 CHG-7",
                            "PASS R1.1 CHG-1",
                            "PASS R1.2 '-CHG-3",
                            "PASS R1.2 CHG-1");
            for (int i = 1; i <= r1.getLastRowNum(); i++) {
                Row row = r1.getRow(i);
                boolean failing = row.getCell(4).getStringCellValue().equals("FAIL");
                for (int c = 0; c < 8; c++) {
                    Cell cell = row.getCell(c);
                    assertThat(cell.getCellStyle().getFillPattern())
                            .as("row %d column %d", i, c)
                            .isEqualTo(failing ? FillPatternType.SOLID_FOREGROUND : FillPatternType.NO_FILL);
                    if (failing) {
                        assertThat(fill(cell)).isEqualTo("FFC7CE");
                    }
                }
            }
            // filled, a failing row keeps its date cell a date and its links
            assertThat(DateUtil.isCellDateFormatted(r1.getRow(1).getCell(7))).isTrue();
            assertThat(r1.getRow(1).getCell(3).getHyperlink()).isNotNull();
            Row r6 = workbook.getSheet("R6 User notification").getRow(1);
            assertThat(r6.getCell(4).getStringCellValue()).isEqualTo("FAIL");
            assertThat(fill(r6.getCell(5))).isEqualTo("FFC7CE");
        }
        // findings.csv keeps the read model's control and subject order
        List<String> csv = lines(unzip(result.file()).get("findings.csv"));
        assertThat(csv.stream()
                        .skip(1)
                        .map(l -> String.join(" ", List.of(l.split(",")).subList(0, 4))))
                .containsExactly(
                        "R1.1 R1 CHANGE CHG-1",
                        "R1.1 R1 CHANGE CHG-2",
                        "R1.1 R1 CHANGE CHG-6",
                        "R1.2 R1 CHANGE '-CHG-3",
                        "R1.2 R1 CHANGE CHG-1",
                        "R1.2 R1 CHANGE CHG-7",
                        "R1.3 R1 CHANGE CHG-5",
                        "R2.1 R2 CHANGE CHG-1",
                        "R6.1 R6 INCIDENT INC-1");
    }

    @Test
    void everySheetNameIsWholeWordsWithinExcelsLimit() throws IOException {
        // two rows a sheet: R1's findings go on over two sheets, the second name with its suffix
        PackService small =
                new PackService(repository, results, diffs, exceptionCoverages, signingKeys, dsl, store, 3, 50_000);
        for (String lang : List.of("ko", "en")) {
            try (XSSFWorkbook workbook = workbook(
                    small.pack(Quarter.parse("2026Q3"), null, OUT, lang).file())) {
                for (String requirement : Catalogue.scoreOrder().subList(0, 6)) {
                    String whole = requirement + " " + Catalogue.title(requirement, lang);
                    List<String> names = new ArrayList<>();
                    workbook.forEach(s -> {
                        if (s.getSheetName().startsWith(requirement + " ")) {
                            names.add(s.getSheetName());
                        }
                    });
                    assertThat(names).isNotEmpty();
                    for (String name : names) {
                        assertThat(name.length()).as(name).isLessThanOrEqualTo(31);
                        String base = name.replaceFirst(" \\(\\d+\\)$", "").replaceFirst("…$", "");
                        assertThat(whole.equals(base) || whole.startsWith(base + " "))
                                .as("'%s' is whole words of '%s'", name, whole)
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    void summaryCountsEveryControlAndChartsRatingsAgainstTheirThresholds() throws IOException {
        try (XSSFWorkbook workbook =
                workbook(packs.pack(Quarter.parse("2026Q3"), null, OUT, "en").file())) {
            XSSFSheet summary = workbook.getSheet("Summary");
            Map<String, String> controls = new java.util.LinkedHashMap<>();
            for (Row row : summary) {
                Cell first = row.getCell(0);
                if (first != null
                        && first.getCellType() == CellType.STRING
                        && first.getStringCellValue().matches("R\\d\\.\\d")) {
                    StringBuilder counts = new StringBuilder(row.getCell(1).getStringCellValue());
                    for (int c = 4; c < 8; c++) {
                        counts.append(' ').append((long) row.getCell(c).getNumericCellValue());
                    }
                    controls.put(first.getStringCellValue(), counts.toString());
                }
            }
            assertThat(controls).hasSize(17);
            assertThat(controls.keySet()).containsExactlyElementsOf(Catalogue.controlIds());
            // pass fail exception pending, from the run's findings; a control without any shows zeros
            assertThat(controls)
                    .containsEntry("R1.1", "Pre-test passed 1 1 0 0")
                    .containsEntry("R1.2", "Pre-test environment parity 2 0 0 0")
                    .containsEntry("R2.1", "Approved before start 0 0 1 0")
                    .containsEntry("R6.1", "Users notified promptly 0 1 0 0")
                    .containsEntry("R3.1", "Runbook reviewed within a year 0 0 0 0");
            var plot = summary.getDrawingPatriarch()
                    .getCharts()
                    .getFirst()
                    .getCTChart()
                    .getPlotArea();
            var bars = plot.getBarChartArray(0).getSerArray(0);
            List<String> barColours = bars.getDPtList().stream()
                    .map(p -> HexFormat.of()
                            .formatHex(p.getSpPr().getSolidFill().getSrgbClr().getVal())
                            .toUpperCase())
                    .toList();
            // R1 RED, R2 GREEN, R3 NO_DATA, R4 AMBER, R5 GREEN, R6 RED: the rating fills of the table
            assertThat(barColours).containsExactly("FFC7CE", "C6EFCE", "D9D9D9", "FFEB9C", "C6EFCE", "FFC7CE");
            var lines = plot.getLineChartArray(0).getSerList();
            assertThat(lines).hasSize(2);
            // each line's six points are cells of the table's rows (LibreOffice draws no literal values)
            for (int i = 0; i < 2; i++) {
                CellRangeAddress range = CellRangeAddress.valueOf(
                        lines.get(i).getVal().getNumRef().getF().replaceFirst(".*!", ""));
                assertThat(range.getNumberOfCells()).isEqualTo(6);
                assertThat(summary.getRow(range.getFirstRow())
                                .getCell(range.getFirstColumn())
                                .getNumericCellValue())
                        .isEqualTo(i == 0 ? 95.0 : 80.0);
                assertThat(summary.getRow(range.getLastRow())
                                .getCell(range.getFirstColumn())
                                .getNumericCellValue())
                        .isEqualTo(i == 0 ? 95.0 : 80.0);
            }
        }
    }

    @Test
    void dataQualityCountsTheRecordsTheRunSawTheRevisionsUpToItsLoadAndTheRevisedRecords() throws IOException {
        try (XSSFWorkbook workbook =
                workbook(packs.pack(Quarter.parse("2026Q3"), null, OUT, "en").file())) {
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            for (Row row : workbook.getSheet("Data quality")) {
                if (row.getRowNum() > 0 && row.getCell(2).getCellType() == CellType.NUMERIC) {
                    counts.put(
                            row.getCell(0).getStringCellValue() + " / "
                                    + row.getCell(1).getStringCellValue(),
                            (long) row.getCell(2).getNumericCellValue());
                }
            }
            // CHG-1 has revision 1 (load 1), 2 (load 3) and 3 (load 6, after the run's load 5); CHG-Q2 one
            assertThat(counts)
                    .containsEntry("Records / Changes (changes.csv)", 2L)
                    .containsEntry("Revisions loaded / Changes (changes.csv)", 3L)
                    .containsEntry("Records revised / Changes (changes.csv)", 1L)
                    .containsEntry("Records / Tests (tests.csv)", 2L)
                    .containsEntry("Records revised / Tests (tests.csv)", 0L);
        }
    }

    @Test
    void aFullSheetContinuesOnTheNext() throws IOException {
        PackService small =
                new PackService(repository, results, diffs, exceptionCoverages, signingKeys, dsl, store, 3, 50_000);
        try (XSSFWorkbook workbook =
                workbook(small.pack(Quarter.parse("2026Q3"), null, OUT, "en").file())) {
            XSSFSheet first = workbook.getSheet("R1 Pre-change testing");
            XSSFSheet second = workbook.getSheet("R1 Pre-change testing (2)");
            assertThat(first.getLastRowNum()).isEqualTo(2);
            assertThat(second.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Control");
            assertThat(second.getRow(2).getCell(3).getStringCellValue()).isEqualTo("CHG-1");
            assertThat(workbook.getSheetIndex(second)).isEqualTo(workbook.getSheetIndex(first) + 1);
        }
    }

    @Test
    void findingsLinkToTheRowsOfTheirEvidence() throws IOException {
        try (XSSFWorkbook workbook =
                workbook(packs.pack(Quarter.parse("2026Q3"), null, OUT, "en").file())) {
            XSSFSheet r1 = workbook.getSheet("R1 Pre-change testing");
            // after the FAIL of CHG-2, the first PASS
            Cell subject = r1.getRow(2).getCell(3);
            assertThat(subject.getStringCellValue()).isEqualTo("CHG-1");
            assertThat(subject.getHyperlink().getAddress()).isEqualTo("'Changes'!A2");
            assertThat(linkedRow(workbook, subject).getCell(0).getStringCellValue())
                    .isEqualTo("CHG-1");
            assertThat(linkedRow(workbook, r1.getRow(2).getCell(6)).getCell(0).getStringCellValue())
                    .isEqualTo("CHG-1");
            // "-CHG-3" and its evidence "CHG-3;T-3" are not records of the period: plain text
            assertThat(r1.getRow(3).getCell(3).getHyperlink()).isNull();
            assertThat(r1.getRow(3).getCell(6).getHyperlink()).isNull();
            Cell incident = workbook.getSheet("R6 User notification").getRow(1).getCell(3);
            assertThat(linkedRow(workbook, incident).getSheet().getSheetName()).isEqualTo("Incidents");
            assertThat(linkedRow(workbook, incident).getCell(0).getStringCellValue())
                    .isEqualTo("INC-1");
            assertThat(workbook.getSheetAt(workbook.getNumberOfSheets() - 1).getSheetName())
                    .isEqualTo("Runbooks");
        }
    }

    @Test
    void aPeriodTooLargeToLinkKeepsItsRecordsInTheCsvs() throws IOException {
        PackService unlinked = new PackService(
                repository, results, diffs, exceptionCoverages, signingKeys, dsl, store, SheetSeries.EXCEL_MAX_ROWS, 3);
        try (XSSFWorkbook workbook =
                workbook(unlinked.pack(Quarter.parse("2026Q3"), null, OUT, "en").file())) {
            assertThat(workbook.getSheet("Changes")).isNull();
            assertThat(workbook.getSheet("R1 Pre-change testing")
                            .getRow(1)
                            .getCell(3)
                            .getHyperlink())
                    .isNull();
            assertThat(workbook.getSheet("Cover").getRow(12).getCell(1).getStringCellValue())
                    .startsWith("In the CSV files of this pack");
        }
    }

    private static Row linkedRow(XSSFWorkbook workbook, Cell cell) {
        var address =
                new org.apache.poi.ss.util.CellReference(cell.getHyperlink().getAddress());
        return workbook.getSheet(address.getSheetName()).getRow(address.getRow());
    }

    @Test
    void theSameRunGivesTheSameBytes() throws IOException {
        byte[] first = Files.readAllBytes(
                packs.pack(Quarter.parse("2026Q3"), null, OUT, "ko").file());
        byte[] second = Files.readAllBytes(
                packs.pack(Quarter.parse("2026Q3"), null, OUT, "ko").file());
        assertThat(second).isEqualTo(first);
    }

    /**
     * The pack re-made in a second JVM started as a user starts the application (the built jar, as
     * {@code scripts/compliance} runs it), against the same database and with the same signing key: byte
     * for byte the pack of this
     * JVM (classes on a class path). Anything that depends on how the tool was launched (its
     * version, say) would differ here and nowhere else.
     */
    @Test
    void aPackMadeByTheJarInAnotherJvmHasTheSameBytes() throws Exception {
        Path jar = Path.of("target/compliance.jar");
        assertThat(jar)
                .as("the application jar, made by 'mvn package' before the integration tests run")
                .exists();
        Path here = packs.pack(Quarter.parse("2026Q3"), null, OUT, "ko").file();
        Path elsewhere = Files.createDirectories(OUT.resolve("other-jvm"));
        Path home = Files.createTempDirectory(Path.of("target"), "pack-home-");
        Path log = home.resolveSibling(home.getFileName() + ".log");
        // the same installation's key, as a home moved to another machine keeps it
        Files.createDirectories(home.resolve("keys"));
        Files.copy(
                store.home().resolve("keys").resolve(PackSigningKeys.SELF_SIGNED_FILE),
                home.resolve("keys").resolve(PackSigningKeys.SELF_SIGNED_FILE));
        ProcessBuilder child = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "pack",
                        "--period",
                        "2026Q3",
                        "--out",
                        elsewhere.toString(),
                        "--db",
                        StoreUrls.withAccount(dataSource))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        child.environment().put("COMPLIANCE_HOME", home.toString());
        child.environment().remove("COMPLIANCE_DB_URL");
        Process process = child.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES))
                .as("the pack command ended")
                .isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();

        Path other = elsewhere.resolve(here.getFileName());
        PackManifest ours = PackVerifier.verify(here).manifest();
        PackManifest theirs = PackVerifier.verify(other).manifest();
        // the fields first, so a failure names what moved
        assertThat(theirs.toolVersion()).isEqualTo(ours.toolVersion());
        assertThat(theirs).isEqualTo(ours);
        assertThat(sha256(other)).isEqualTo(sha256(here));
    }

    private static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(PackManifest.sha256().digest(Files.readAllBytes(file)));
    }

    @Test
    void verifyAcceptsThePackAndNamesTheFirstTamperedEntry() throws IOException {
        Path pack = packs.pack(Quarter.parse("2026Q3"), null, OUT, "ko").file();
        assertThat(PackVerifier.verify(pack).matches()).isTrue();
        assertThat(Launcher.run("verify", pack.toString())).isZero();

        assertMismatch(pack, "findings.csv", e -> replace(e, "findings.csv", "PASS", "FAIL"));
        assertMismatch(pack, "evidence-2026Q3.xlsx", e -> {
            e.put("evidence-2026Q3.xlsx", rezip(e.get("evidence-2026Q3.xlsx")));
            return e;
        });
        assertMismatch(pack, "manifest.json.p7s", e -> replace(e, "manifest.json", "\"2026.1\"", "\"2026.2\""));
        // signed again by the key itself, the edited field is caught by the pack hash
        assertMismatch(pack, "manifest.json", e -> {
            replace(e, "manifest.json", "\"2026.1\"", "\"2026.2\"");
            e.put("manifest.json.p7s", ManifestSignature.sign(e.get("manifest.json"), signingKeys.current()));
            return e;
        });
        assertMismatch(pack, "runbooks.csv", e -> {
            e.remove("runbooks.csv");
            return e;
        });
        assertMismatch(pack, "extra.csv", e -> {
            e.put("extra.csv", "a\r\n".getBytes(StandardCharsets.UTF_8));
            return e;
        });

        Path notZip = OUT.resolve("not-a-pack.zip");
        Files.writeString(notZip, "hello");
        assertThatThrownBy(() -> PackVerifier.verify(notZip))
                .isInstanceOf(PackException.class)
                .hasMessageContaining("not a zip");
        assertThat(Launcher.run("verify", notZip.toString())).isEqualTo(1);
        Path noManifest = write(OUT.resolve("no-manifest.zip"), Map.of("scores.csv", new byte[] {1}));
        assertThatThrownBy(() -> PackVerifier.verify(noManifest)).hasMessageContaining("has no manifest.json");
    }

    @Test
    void refusesAPeriodWithoutACompletedRun() {
        assertThatThrownBy(() -> packs.pack(Quarter.parse("2027Q1"), null, OUT, "ko"))
                .isInstanceOf(RunNotFoundException.class)
                .hasMessage("no completed scoring run for 2027Q1: run 'compliance score --period 2027Q1' first");
        long failed = runId + 1;
        assertThatThrownBy(() -> packs.pack(Quarter.parse("2026Q3"), failed, OUT, "ko"))
                .isInstanceOf(RunNotFoundException.class)
                .hasMessage("run " + failed + " is not a completed scoring run of 2026Q3; its completed runs are ["
                        + runId + ", " + (runId - 1) + "]");
        assertThatThrownBy(() -> packs.pack(Quarter.parse("2026Q4"), runId, OUT, "ko"))
                .as("a run of another period")
                .isInstanceOf(RunNotFoundException.class);
        assertThatThrownBy(() -> packs.pack(Quarter.parse("2026Q3"), null, OUT, "fr"))
                .hasMessageContaining("ko or en");
    }

    @Test
    void packJobWritesThePackIntoTheGivenFolder() throws Exception {
        JobOperatorTestUtils jobs = new JobOperatorTestUtils(jobOperator, jobRepository);
        jobs.setJob(packJob);
        JobExecution execution = jobs.startJob(new JobParametersBuilder()
                .addString("period", "2026Q3")
                .addString("lang", "en")
                .addString("outDir", OUT.resolve("job").toString(), false)
                .addLong("test.run", System.nanoTime())
                .toJobParameters());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(OUT.resolve("job/compliance-pack-2026Q3.zip")).isRegularFile();
    }

    @Test
    void leftoversOfUnfinishedPacksAreRemovedButNotTheFoldersOfRunningPacks() throws Exception {
        Path killed = Files.createDirectories(OUT.resolve(".pack-111/poi"));
        Files.writeString(killed.resolve("poi-sxssf-sheet1.xml"), "<row r=\"1\"/>");
        Files.createFile(OUT.resolve(".pack-111/pack.lock"));
        Path beforeLocks = Files.createDirectories(OUT.resolve(".pack-222"));
        Files.writeString(beforeLocks.resolve("workbook.poi.xlsx"), "half");
        // no lock file: left by a build before locks, so removed once older than a minute
        Files.setLastModifiedTime(
                beforeLocks, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(3_600)));
        Path justMade = Files.createDirectories(OUT.resolve(".pack-555"));
        Path notOurs = Files.writeString(OUT.resolve(".pack-notes.txt"), "a file, not a pack's folder");
        Path otherFolder = Files.createDirectories(OUT.resolve("pack-archive"));
        Path inAnotherProcess = Files.createDirectories(OUT.resolve(".pack-333"));
        Path inThisProcess = Files.createDirectories(OUT.resolve(".pack-444"));
        Process other = holdLockInAnotherProcess(inAnotherProcess.resolve("pack.lock"));
        try (var channel = java.nio.channels.FileChannel.open(
                        inThisProcess.resolve("pack.lock"),
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.WRITE);
                var lock = channel.lock()) {
            packs.pack(Quarter.parse("2026Q3"), null, OUT, "ko");

            assertThat(workFolders()).containsExactlyInAnyOrder(inAnotherProcess, inThisProcess, justMade);
        } finally {
            other.getOutputStream().close();
            other.waitFor();
        }
        Files.setLastModifiedTime(
                justMade, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(61)));
        packs.pack(Quarter.parse("2026Q3"), null, OUT, "ko");
        assertThat(workFolders()).isEmpty();
        assertThat(notOurs).isRegularFile();
        assertThat(otherFolder).isDirectory();
    }

    @Test
    void poiKeepsItsTemporaryFilesInThePacksWorkFolderNeverInTheSystemTempFolder() throws IOException {
        // POI's own strategy puts them in java.io.tmpdir/poifiles: record whether it is ever asked
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.io.File elsewhere =
                Files.createDirectories(OUT.resolve("system-temp")).toFile();
        TempFile.setTempFileCreationStrategy(new TempFileCreationStrategy() {
            @Override
            public java.io.File createTempFile(String prefix, String suffix) throws IOException {
                asked.add(prefix);
                return java.io.File.createTempFile(prefix, suffix, elsewhere);
            }

            @Override
            public java.io.File createTempDirectory(String prefix) throws IOException {
                asked.add(prefix);
                return Files.createTempDirectory(elsewhere.toPath(), prefix).toFile();
            }
        });
        try {
            packs.pack(Quarter.parse("2026Q3"), null, OUT, "en");
        } finally {
            TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
        }
        assertThat(asked).isEmpty();
        assertThat(elsewhere.list()).isEmpty();
        assertThat(workFolders()).isEmpty();
    }

    private static List<Path> workFolders() throws IOException {
        try (var entries = Files.list(OUT)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".pack-"))
                    .filter(Files::isDirectory)
                    .toList();
        }
    }

    private static Process holdLockInAnotherProcess(Path lockFile) throws IOException {
        List<String> command = new ArrayList<>(ChildJvm.command(HoldFileLock.class.getName(), List.of()));
        command.add(lockFile.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()));
        assertThat(out.readLine()).isEqualTo("locked");
        return process;
    }

    private void assertMismatch(Path pack, String entry, UnaryOperator<Map<String, byte[]>> tamper) throws IOException {
        Path tampered = write(OUT.resolve("tampered.zip"), tamper.apply(unzip(pack)));
        PackVerifier.Result result = PackVerifier.verify(tampered);
        assertThat(result.matches()).isFalse();
        assertThat(result.entry()).isEqualTo(entry);
        assertThat(Launcher.run("verify", tampered.toString())).isEqualTo(4);
    }

    private static Map<String, byte[]> replace(Map<String, byte[]> entries, String name, String from, String to) {
        String text = new String(entries.get(name), StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        entries.put(
                name, text.replaceFirst(java.util.regex.Pattern.quote(from), to).getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    /** The same workbook content in a zip of other bytes (a different compression level). */
    private static byte[] rezip(byte[] xlsx) {
        try {
            Path in = Files.createTempFile(OUT, "in", ".xlsx");
            Files.write(in, xlsx);
            Map<String, byte[]> parts = unzip(in);
            parts.put("docProps/custom-note.xml", "<x/>".getBytes(StandardCharsets.UTF_8));
            return Files.readAllBytes(write(in, parts));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                try (InputStream in = file.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    static Path write(Path zip, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream zipOut = new ZipOutputStream(out)) {
            for (var entry : entries.entrySet()) {
                zipOut.putNextEntry(new ZipEntry(entry.getKey()));
                zipOut.write(entry.getValue());
                zipOut.closeEntry();
            }
        }
        return zip;
    }

    static XSSFWorkbook workbook(Path pack) throws IOException {
        return new XSSFWorkbook(new java.io.ByteArrayInputStream(unzip(pack).get("evidence-2026Q3.xlsx")));
    }

    private static String fill(Cell cell) {
        return ((XSSFCellStyle) cell.getCellStyle())
                .getFillForegroundXSSFColor()
                .getARGBHex()
                .substring(2);
    }

    private static List<String> lines(byte[] csv) {
        String text = new String(csv, StandardCharsets.UTF_8);
        return List.of(text.substring(1).split("\r\n"));
    }

    static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var files = Files.walk(folder)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
