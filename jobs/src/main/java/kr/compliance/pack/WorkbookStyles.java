package kr.compliance.pack;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The cell styles of the evidence workbook, taken from the template's {@code styles} sheet (a
 * style name in column A, a cell of that style in column B), which is then removed. The look of
 * the pack is changed in {@code report-templates/evidence-template.xlsx}, not here.
 */
final class WorkbookStyles {

    static final String TEMPLATE = "report-templates/evidence-template.xlsx";
    private static final String STYLES_SHEET = "styles";

    private final Map<String, CellStyle> styles = new HashMap<>();
    private final Map<Integer, CellStyle> filledStyles = new HashMap<>();
    private final XSSFWorkbook workbook;
    private final ZoneId zone;
    private final WorkbookText text;

    WorkbookStyles(XSSFWorkbook template, ZoneId zone, PackLabels labels) {
        this.workbook = template;
        this.zone = zone;
        this.text = new WorkbookText(labels);
        Sheet sheet = template.getSheet(STYLES_SHEET);
        if (sheet == null) {
            throw new PackException("the workbook template " + TEMPLATE + " has no 'styles' sheet");
        }
        for (Row row : sheet) {
            styles.put(row.getCell(0).getStringCellValue(), row.getCell(1).getCellStyle());
        }
        template.removeSheetAt(template.getSheetIndex(sheet));
    }

    CellStyle style(String name) {
        CellStyle style = styles.get(name);
        if (style == null) {
            throw new PackException("the workbook template " + TEMPLATE + " has no style '" + name + "'");
        }
        return style;
    }

    /**
     * The same style with the fill of the template's {@code rating-red}: a failing row keeps its
     * dates, numbers and links as they are and only takes the red of a failing rating.
     */
    CellStyle filled(CellStyle base) {
        return filledStyles.computeIfAbsent((int) base.getIndex(), index -> {
            CellStyle red = style("rating-red");
            CellStyle filled = workbook.createCellStyle();
            filled.cloneStyleFrom(base);
            filled.setFillForegroundColor(red.getFillForegroundColorColor());
            filled.setFillPattern(red.getFillPattern());
            return filled;
        });
    }

    /** The fill colour of a template style, for what is not a cell (the chart's bars). */
    byte[] fillRgb(String name) {
        return ((XSSFCellStyle) style(name)).getFillForegroundXSSFColor().getRGB();
    }

    /** The text colour of a template style, for what is not a cell (the chart's lines). */
    byte[] fontRgb(String name) {
        return ((XSSFCellStyle) style(name)).getFont().getXSSFColor().getRGB();
    }

    /**
     * Puts a value in a cell with its style: text always as a text cell ({@link #text}), instants
     * as date cells in the report zone, numbers as numbers. Returns the width it needs.
     *
     * @param wholeIn the pack entry that holds the value whole, named if the cell must shorten it
     */
    int set(Cell cell, Object value, String wholeIn) {
        switch (value) {
            case null -> {
                return 0;
            }
            case Instant instant -> {
                cell.setCellValue(PackValues.local(instant, zone));
                cell.setCellStyle(style("date"));
                return 19;
            }
            case BigDecimal decimal -> {
                cell.setCellValue(decimal.doubleValue());
                cell.setCellStyle(style("decimal"));
                return PackValues.plain(decimal).length() + 1;
            }
            case Long number -> {
                return number(cell, number);
            }
            case Integer number -> {
                return number(cell, number);
            }
            default -> {
                return text(cell, value.toString(), wholeIn, "text");
            }
        }
    }

    /**
     * Puts a text in a cell with a style: the one way text reaches the workbook, as {@link
     * WorkbookText} makes it fit ({@code wholeIn}: the entry holding it whole, null for the pack's
     * own words). Returns the width it needs.
     */
    int text(Cell cell, String value, String wholeIn, String styleName) {
        String shown = text.of(value, wholeIn);
        cell.setCellValue(shown);
        cell.setCellStyle(style(styleName));
        return displayWidth(shown);
    }

    private int number(Cell cell, long number) {
        cell.setCellValue(number);
        cell.setCellStyle(style("integer"));
        return Long.toString(number).length() + 2;
    }

    /** Characters a text needs on screen: Hangul and other wide letters count twice. */
    static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length() && width < 200; i++) {
            width += text.charAt(i) >= 0x1100 ? 2 : 1;
        }
        return width;
    }
}
