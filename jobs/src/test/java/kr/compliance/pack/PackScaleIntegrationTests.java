package kr.compliance.pack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import kr.compliance.results.Catalogue;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.Quarter;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The pack of a large quarter, populated in SQL with MariaDB's sequence tables: four findings
 * and one test per change. Runs only when asked for ({@code -Dpack.scale=1000000}), since it
 * takes minutes on a shared 2-core machine; the figures go to docs/pack.md.
 */
@SpringBootTest
class PackScaleIntegrationTests {

    @Autowired
    DSLContext dsl;

    @Autowired
    PackService packs;

    @Test
    void packsAQuarterOfManyChanges() throws Exception {
        int changes = Integer.getInteger("pack.scale", 0);
        assumeTrue(changes > 0, "set -Dpack.scale=N to run");
        EvidenceTables.clear(dsl);
        long runId = PackFixtures.run(dsl, "2026Q3", PackFixtures.Q3_START, PackFixtures.Q3_END, 1, "COMPLETED");
        for (String r : Catalogue.scoreOrder()) {
            PackFixtures.score(dsl, runId, r, changes, 0, "100.0", "GREEN");
        }
        long t0 = System.nanoTime();
        String seq = "seq_1_to_" + changes;
        dsl.execute("INSERT INTO change_record (change_id, revision, load_id, content_hash, source_line, service,"
                + " data_center, data_center_key, change_type, scale, destructive, summary, requested_by, started_at)"
                + " SELECT CONCAT('CHG-', LPAD(seq, 8, '0')), 1, 1, REPEAT('c', 32), seq + 1, 'talk', 'DC-A', 'DC-A',"
                + " 'UPDATE', 'MAJOR', 0, '정기 배포 작업', 'kim', TIMESTAMPADD(SECOND, seq MOD 7862400,"
                + " '2026-06-30 15:00:00') FROM " + seq);
        dsl.execute("INSERT INTO test_run (test_run_id, revision, load_id, content_hash, source_line, change_id,"
                + " environment, env_parity, scope, started_at, finished_at, result)"
                + " SELECT CONCAT('T-', LPAD(seq, 8, '0')), 1, 1, REPEAT('t', 32), seq + 1,"
                + " CONCAT('CHG-', LPAD(seq, 8, '0')), 'staging', 0.95, 'FULL',"
                + " TIMESTAMPADD(SECOND, seq MOD 7862400, '2026-06-30 14:00:00'),"
                + " TIMESTAMPADD(SECOND, seq MOD 7862400, '2026-06-30 14:30:00'), 'PASS' FROM " + seq);
        dsl.execute("INSERT INTO finding (run_id, control_id, subject_id, requirement, subject_type, status, reason,"
                + " evidence_refs, reference_time)"
                + " SELECT " + runId + ", c.control_id, CONCAT('CHG-', LPAD(seq, 8, '0')), LEFT(c.control_id, 2),"
                + " 'CHANGE', IF(seq MOD 10 = 0, 'FAIL', 'PASS'), 'pre-test T passed', CONCAT('CHG-', LPAD(seq, 8, '0'),"
                + " ';T-', LPAD(seq, 8, '0')), TIMESTAMPADD(SECOND, seq MOD 7862400, '2026-06-30 15:00:00')"
                + " FROM " + seq + " CROSS JOIN (SELECT 'R1.1' AS control_id UNION ALL SELECT 'R1.2'"
                + " UNION ALL SELECT 'R2.1' UNION ALL SELECT 'R2.3') c");
        System.out.printf("populated %d changes in %d s%n", changes, (System.nanoTime() - t0) / 1_000_000_000);

        Path out = Path.of("target/pack-scale");
        Files.createDirectories(out);
        long start = System.nanoTime();
        PackService.PackResult result = packs.pack(Quarter.parse("2026Q3"), null, out, "ko");
        double seconds = (System.nanoTime() - start) / 1e9;
        long csvRows = result.manifest().entries().stream()
                .filter(e -> e.name().endsWith(".csv"))
                .mapToLong(PackManifest.Entry::rows)
                .sum();
        long sheetRows = result.manifest().entries().getFirst().rows();
        System.out.printf(
                "pack of %d changes: %.1f s, %d CSV rows (%.0f rows/s), %d workbook rows (%.0f rows/s), %d bytes%n",
                changes, seconds, csvRows, csvRows / seconds, sheetRows, sheetRows / seconds, result.size());
        assertThat(PackVerifier.verify(result.file()).matches()).isTrue();
        if (changes * 2L >= SheetSeries.EXCEL_MAX_ROWS) {
            // R1 has two findings per change: its sheet must have gone on to a second one
            Path workbook = out.resolve("workbook.xlsx");
            try (ZipFile pack = new ZipFile(result.file().toFile())) {
                Files.copy(pack.getInputStream(pack.getEntry("evidence-2026Q3.xlsx")), workbook, REPLACE_EXISTING);
            }
            String sheets;
            try (ZipFile xlsx = new ZipFile(workbook.toFile())) {
                sheets = new String(
                        xlsx.getInputStream(xlsx.getEntry("xl/workbook.xml")).readAllBytes(), UTF_8);
            }
            assertThat(sheets).contains("R1 사전테스트 체계 강화 (2)");
        }
        assertThat(seconds).isLessThan(90);
    }
}
