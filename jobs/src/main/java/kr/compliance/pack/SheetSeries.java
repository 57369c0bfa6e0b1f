package kr.compliance.pack;

import java.util.List;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A table written row by row onto streamed sheets: a frozen, filterable header on each sheet,
 * and when a sheet is full it goes on on the next ({@code R1 (2)}), so no sheet passes Excel's
 * row limit. Column widths follow the longest value seen.
 */
final class SheetSeries implements AutoCloseable {

    /** Excel's limit of characters in a sheet name. */
    static final int MAX_NAME_CHARS = 31;

    /** Excel's limit of rows on a sheet. */
    static final int EXCEL_MAX_ROWS = 1_048_576;

    private static final int MAX_WIDTH_CHARS = 80;
    /** Printed, a table of more columns than this goes on across pages rather than shrinking. */
    private static final int COLUMNS_PER_PAGE = 10;

    private final SXSSFWorkbook workbook;
    private final WorkbookStyles styles;
    private final String name;
    private final List<String> header;
    private final String wholeIn;
    private final int maxRows;
    private final int[] widths;
    private SXSSFSheet sheet;
    private Row lastRow;
    private int sheets;
    private int nextRow;
    private long dataRows;

    SheetSeries(
            SXSSFWorkbook workbook,
            WorkbookStyles styles,
            String name,
            List<String> header,
            String wholeIn,
            int maxRows) {
        if (maxRows < 2) {
            throw new IllegalArgumentException("a sheet needs room for its header and a row");
        }
        this.workbook = workbook;
        this.styles = styles;
        this.name = allowed(name);
        this.header = header;
        this.wholeIn = wholeIn;
        this.maxRows = maxRows;
        this.widths = new int[header.size()];
        newSheet();
    }

    /**
     * Writes one row; values in header order, typed as {@link WorkbookStyles#set} does. Returns
     * where the row is, as a hyperlink inside the workbook addresses it ({@code 'R1 (2)'!A7}).
     */
    String row(Object... values) {
        if (nextRow == maxRows) {
            finishSheet();
            newSheet();
        }
        lastRow = sheet.createRow(nextRow++);
        for (int i = 0; i < values.length; i++) {
            Cell cell = lastRow.createCell(i);
            widths[i] = Math.max(widths[i], styles.set(cell, values[i], wholeIn));
        }
        dataRows++;
        return "'" + sheet.getSheetName().replace("'", "''") + "'!A" + nextRow;
    }

    /** Makes a cell of the row written last a link to a place in the workbook. */
    void link(int column, String address) {
        Cell cell = lastRow.getCell(column);
        Hyperlink link = workbook.getCreationHelper().createHyperlink(HyperlinkType.DOCUMENT);
        link.setAddress(address);
        cell.setHyperlink(link);
        cell.setCellStyle(styles.style("link"));
    }

    /**
     * Fills every cell of the row written last (its links included, so call this after {@link
     * #link}) with the failing fill: a FAIL stands out among the rows that held.
     */
    void fillLastRow() {
        for (int i = 0; i < header.size(); i++) {
            Cell cell = lastRow.getCell(i);
            if (cell == null) {
                cell = lastRow.createCell(i);
            }
            cell.setCellStyle(styles.filled(cell.getCellStyle()));
        }
    }

    /** The sheets written so far: the first and its continuations. */
    List<String> sheetNames() {
        return java.util.stream.IntStream.rangeClosed(1, sheets)
                .mapToObj(this::sheetName)
                .toList();
    }

    private String sheetName(int number) {
        String suffix = number == 1 ? "" : " (" + number + ")";
        return fit(name, MAX_NAME_CHARS - suffix.length()) + suffix;
    }

    /** Excel allows none of {@code : \\ / ? * [ ]} in a sheet name: each becomes a space. */
    static String allowed(String name) {
        return name.replaceAll("[:\\\\/?*\\[\\]]", " ").strip();
    }

    /**
     * The name whole if it fits, else its words up to the last that fits and "…", so the tab says
     * it is shortened (never half a word: "R2 Work management…", not "R2 Work management contro");
     * a single word longer than the limit is all that is ever cut.
     */
    static String fit(String name, int maxChars) {
        if (name.length() <= maxChars) {
            return name;
        }
        int cut = name.lastIndexOf(' ', maxChars - 1);
        if (cut <= 0) {
            return name.substring(0, maxChars);
        }
        // nor does it end on what joined the word left out
        return name.substring(0, cut).replaceAll("[\\s·,;&-]+$", "") + "…";
    }

    long dataRows() {
        return dataRows;
    }

    private void newSheet() {
        sheets++;
        sheet = workbook.createSheet(sheetName(sheets));
        Row row = sheet.createRow(0);
        for (int i = 0; i < header.size(); i++) {
            int width = styles.text(row.createCell(i), header.get(i), null, "header");
            widths[i] = Math.max(widths[i], width + 3);
        }
        sheet.createFreezePane(0, 1);
        EvidenceWorkbook.printPagesWide(sheet, true, (header.size() + COLUMNS_PER_PAGE - 1) / COLUMNS_PER_PAGE);
        nextRow = 1;
    }

    private void finishSheet() {
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(nextRow - 1, 0), 0, header.size() - 1));
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, Math.min(widths[i] + 2, MAX_WIDTH_CHARS) * 256);
        }
    }

    @Override
    public void close() {
        finishSheet();
    }
}
