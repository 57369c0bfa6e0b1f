import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.ss.usermodel.*;
import org.apache.poi.xssf.usermodel.*;

/**
 * Writes report-templates/evidence-template.xlsx: the cell styles of the evidence workbook. Its
 * sheet "styles" names one style per row (column A) on a sample cell (column B); the pack takes
 * the styles from there, so the look is changed here (or in Excel), not in Java. Run with
 * java -cp "$(cat classpath)" scripts/MakeEvidenceTemplate.java
 */
public class MakeEvidenceTemplate {
    public static void main(String[] args) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet("styles");
            DataFormat format = wb.createDataFormat();
            String font = "Malgun Gothic";
            int row = 0;
            add(sheet, row++, "title", style(wb, font, 16, true, null, null, null, false));
            add(sheet, row++, "subtitle", style(wb, font, 11, false, "595959", null, null, false));
            add(sheet, row++, "label", style(wb, font, 10, true, null, "D9E1F2", null, true));
            add(sheet, row++, "header", style(wb, font, 10, true, "FFFFFF", "1F3864", null, true));
            add(sheet, row++, "text", style(wb, font, 10, false, null, null, null, false));
            add(sheet, row++, "wrap", wrap(style(wb, font, 10, false, null, null, null, false)));
            add(sheet, row++, "date", style(wb, font, 10, false, null, null, format.getFormat("yyyy-mm-dd hh:mm:ss"), false));
            add(sheet, row++, "integer", style(wb, font, 10, false, null, null, format.getFormat("#,##0"), false));
            add(sheet, row++, "decimal", style(wb, font, 10, false, null, null, format.getFormat("0.0###"), false));
            add(sheet, row++, "score", style(wb, font, 11, true, null, null, format.getFormat("0.0"), true));
            add(sheet, row++, "rating-green", style(wb, font, 10, true, "006100", "C6EFCE", null, true));
            add(sheet, row++, "rating-amber", style(wb, font, 10, true, "9C5700", "FFEB9C", null, true));
            add(sheet, row++, "rating-red", style(wb, font, 10, true, "9C0006", "FFC7CE", null, true));
            add(sheet, row++, "rating-no-data", style(wb, font, 10, true, "404040", "D9D9D9", null, true));
            XSSFCellStyle link = style(wb, font, 10, false, "0563C1", null, null, false);
            link.getFont().setUnderline(Font.U_SINGLE);
            add(sheet, row++, "link", link);
            add(sheet, row++, "note", wrap(style(wb, font, 9, false, "595959", null, null, false)));
            wb.getProperties().getCoreProperties().setCreator("compliance");
            Path out = Path.of("report-templates/evidence-template.xlsx");
            try (OutputStream stream = Files.newOutputStream(out)) {
                wb.write(stream);
            }
        }
    }

    static XSSFCellStyle wrap(XSSFCellStyle style) {
        style.setWrapText(true);
        style.setVerticalAlignment(VerticalAlignment.TOP);
        return style;
    }

    static XSSFCellStyle style(XSSFWorkbook wb, String fontName, int points, boolean bold, String color, String fill, Short format, boolean border) {
        XSSFCellStyle style = wb.createCellStyle();
        XSSFFont font = wb.createFont();
        font.setFontName(fontName);
        font.setFontHeightInPoints((short) points);
        font.setBold(bold);
        if (color != null) font.setColor(new XSSFColor(hex(color)));
        style.setFont(font);
        if (fill != null) {
            style.setFillForegroundColor(new XSSFColor(hex(fill)));
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        }
        if (format != null) style.setDataFormat(format);
        if (border) {
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
            style.setVerticalAlignment(VerticalAlignment.CENTER);
        }
        return style;
    }

    static byte[] hex(String rgb) {
        return java.util.HexFormat.of().parseHex(rgb);
    }

    static void add(XSSFSheet sheet, int row, String name, CellStyle style) {
        Row r = sheet.createRow(row);
        r.createCell(0).setCellValue(name);
        Cell sample = r.createCell(1);
        sample.setCellValue(name);
        sample.setCellStyle(style);
    }
}
