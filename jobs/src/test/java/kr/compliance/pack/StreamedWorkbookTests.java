package kr.compliance.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbook whose streamed rows are deflated once holds the very XML POI's own writing gives. */
class StreamedWorkbookTests {

    @TempDir
    Path folder;

    @Test
    void everyPartHoldsTheXmlPoiWrites() throws IOException {
        Path ours = write("ours.xlsx", template -> new StreamedWorkbook(template, 100));
        Path poi = write("poi.xlsx", template -> new SXSSFWorkbook(template, 100));

        Map<String, byte[]> expected = parts(poi);
        assertThat(expected).containsKeys("xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml");
        Map<String, byte[]> actual = parts(ours);
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, xml) -> assertThat(new String(actual.get(name), StandardCharsets.UTF_8))
                .as(name)
                .isEqualTo(new String(xml, StandardCharsets.UTF_8)));
        assertThat(new String(actual.get("xl/worksheets/sheet2.xml"), StandardCharsets.UTF_8))
                .contains("<row r=\"5000\">", "사유 4999", "<hyperlink ");

        try (XSSFWorkbook read = new XSSFWorkbook(Files.newInputStream(ours))) {
            assertThat(read.getSheet("R1").getLastRowNum()).isEqualTo(5_000);
            assertThat(read.getSheet("R1").getRow(4_999).getCell(1).getStringCellValue())
                    .isEqualTo("사유 4999");
        }
    }

    @Test
    void everyStreamedRowIsCountedOnceWritten() throws IOException {
        try (StreamedWorkbook workbook = new StreamedWorkbook(new XSSFWorkbook(), 10)) {
            fill(workbook);
            assertThat(workbook.streamedRows())
                    .as("the rows in the window are not written yet")
                    .isLessThan(5_001 + 1);
            workbook.write(OutputStream.nullOutputStream());
            assertThat(workbook.streamedRows()).isEqualTo(5_001 + 1);
            workbook.dispose();
        }
    }

    private Path write(String name, Function<XSSFWorkbook, SXSSFWorkbook> streaming) throws IOException {
        Path file = folder.resolve(name);
        XSSFWorkbook template = new XSSFWorkbook();
        // else the two workbooks differ by when each was made
        template.getProperties().getCoreProperties().setCreated(Optional.of(new Date(0)));
        template.createSheet("cover").createRow(0).createCell(0).setCellValue("표지");
        try (SXSSFWorkbook workbook = streaming.apply(template);
                OutputStream out = Files.newOutputStream(file)) {
            fill(workbook);
            workbook.write(out);
            workbook.dispose();
        }
        return file;
    }

    /** A long sheet with a frozen header and links, and a sheet of its header alone. */
    private static void fill(SXSSFWorkbook workbook) {
        SXSSFSheet findings = workbook.createSheet("R1");
        findings.createFreezePane(0, 1);
        findings.createRow(0).createCell(0).setCellValue("통제 항목");
        for (int r = 1; r <= 5_000; r++) {
            Row row = findings.createRow(r);
            row.createCell(0).setCellValue("R1." + (r % 3 + 1));
            Cell reason = row.createCell(1);
            reason.setCellValue("사유 " + r);
            if (r % 100 == 0) {
                Hyperlink link = workbook.getCreationHelper().createHyperlink(HyperlinkType.DOCUMENT);
                link.setAddress("'R2'!A1");
                reason.setHyperlink(link);
            }
            row.createCell(2).setCellValue(r);
        }
        findings.setColumnWidth(1, 40 * 256);
        workbook.createSheet("R2").createRow(0).createCell(0).setCellValue("헤더");
    }

    /** Each part's inflated bytes, checked against the CRC-32 and size the zip gives for it. */
    private static Map<String, byte[]> parts(Path xlsx) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                byte[] content = zip.getInputStream(entry).readAllBytes();
                CRC32 crc = new CRC32();
                crc.update(content);
                assertThat(crc.getValue()).as("CRC-32 of %s", entry.getName()).isEqualTo(entry.getCrc());
                assertThat((long) content.length)
                        .as("size of %s", entry.getName())
                        .isEqualTo(entry.getSize());
                parts.put(entry.getName(), content);
            }
        }
        return parts;
    }
}
