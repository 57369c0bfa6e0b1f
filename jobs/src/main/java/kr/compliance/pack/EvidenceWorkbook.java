package kr.compliance.pack;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.compliance.results.Catalogue;
import kr.compliance.results.ControlCount;
import kr.compliance.results.RatingBounds;
import kr.compliance.results.Run;
import kr.compliance.results.ScoreRow;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.PresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFPresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The workbook for people: a cover and a summary (with its chart) built in full, then the long
 * tables streamed ({@link SheetSeries}). Styles come from the template, words from
 * {@link PackLabels}, dates and document properties from the run, never from the clock.
 */
final class EvidenceWorkbook implements AutoCloseable {

    static final List<String> REQUIREMENTS = List.of("R1", "R2", "R3", "R4", "R5", "R6");
    static final String OVERALL = "OVERALL";

    private static final int STREAM_WINDOW = 200;
    private static final int CHART_ROWS = 20;
    /** The summary's first column after the table: the hidden cells of the threshold lines. */
    private static final int THRESHOLD_COLUMN = 10;

    private static final byte[] CURRENT_BAR = {0x1F, 0x38, 0x64};
    private static final byte[] PREVIOUS_BAR = {(byte) 0xA6, (byte) 0xA6, (byte) 0xA6};

    private final XSSFWorkbook template;
    private final StreamedWorkbook workbook;
    private final WorkbookStyles styles;
    private final PackLabels labels;
    private final Run run;
    private final int maxRowsPerSheet;
    private Cell packHashCell;
    private XSSFSheet summarySheet;
    /** The first row of the summary sheet below its chart, where the per-control table goes. */
    private int belowChart;

    EvidenceWorkbook(PackLabels labels, Run run, int maxRowsPerSheet) {
        this.labels = labels;
        this.run = run;
        this.maxRowsPerSheet = maxRowsPerSheet;
        try (InputStream in = EvidenceWorkbook.class.getClassLoader().getResourceAsStream(WorkbookStyles.TEMPLATE)) {
            if (in == null) {
                throw new PackException(
                        "the workbook template " + WorkbookStyles.TEMPLATE + " is missing from the build");
            }
            this.template = new XSSFWorkbook(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.styles = new WorkbookStyles(template, run.zone(), labels);
        this.workbook = new StreamedWorkbook(template, STREAM_WINDOW);
    }

    /**
     * The cover: what the pack is (the submission, or a draft), for which period, from which run;
     * the pack hash comes last.
     *
     * @param submission the run's own submission; null for a run never submitted
     */
    void cover(String toolVersion, boolean evidenceLinked, PackManifest.Signer signer, Submission submission) {
        XSSFSheet sheet = template.createSheet(labels.get("sheet.cover"));
        title(sheet, labels.get("cover.title", run.period()));
        Row subtitle = sheet.createRow(1);
        label(subtitle, 0, labels.get("cover.subtitle"), "subtitle");
        int r = submissionRows(sheet, 3, submission);
        pair(
                sheet,
                r++,
                "cover.period",
                labels.get(
                        "cover.periodValue",
                        run.period(),
                        PackValues.isoInstant(run.periodStart(), run.zone()),
                        PackValues.isoInstant(run.periodEnd(), run.zone())));
        pair(sheet, r++, "cover.zone", run.zone().getId());
        Cell asOf = pair(sheet, r++, "cover.asOf", null);
        styles.set(asOf, run.asOf(), PackManifest.NAME);
        pair(sheet, r++, "cover.run", Long.toString(run.runId()));
        pair(sheet, r++, "cover.load", Long.toString(run.evidenceLoadId()));
        pair(sheet, r++, "cover.policyVersion", run.policyVersion());
        pair(sheet, r++, "cover.policyHash", run.policySha256());
        pair(sheet, r++, "cover.tool", toolVersion);
        pair(sheet, r++, "cover.evidence", labels.get(evidenceLinked ? "cover.evidenceLinked" : "cover.evidenceInCsv"));
        packHashCell = pair(sheet, r++, "cover.packHash", "");
        pair(sheet, r++, "cover.signer", labels.get("cover.signerValue", signer.subject(), signer.certificateSha256()));
        pair(
                sheet,
                r++,
                "cover.signingKey",
                labels.get(signer.selfSigned() ? "cover.keySelfSigned" : "cover.keyKeystore"));
        r++;
        Row note = sheet.createRow(r);
        label(note, 0, labels.get("cover.packHashNote"), "note");
        sheet.addMergedRegion(new CellRangeAddress(r, r, 0, 1));
        note.setHeightInPoints(60);
        Row contents = sheet.createRow(r + 2);
        label(contents, 0, labels.get("cover.contents"), "note");
        sheet.addMergedRegion(new CellRangeAddress(r + 2, r + 2, 0, 1));
        contents.setHeightInPoints(90);
        sheet.setColumnWidth(0, 28 * 256);
        sheet.setColumnWidth(1, 75 * 256);
        printOnePageWide(sheet, false);
    }

    /** Whether the pack is the submission (who, when, what it amends and why) or a draft; the next free row. */
    private int submissionRows(Sheet sheet, int r, Submission submission) {
        if (submission == null) {
            pair(sheet, r++, "cover.status", labels.get("cover.statusDraft"));
            return r;
        }
        pair(sheet, r++, "cover.status", labels.get("cover.statusSubmitted", run.period()));
        pair(sheet, r++, "cover.submittedBy", submission.submittedBy());
        pair(sheet, r++, "cover.submittedAt", submission.submittedAt());
        Submission.Amends amends = submission.amends();
        if (amends != null) {
            pair(
                    sheet,
                    r++,
                    "cover.amends",
                    labels.get(
                            "cover.amendsValue",
                            amends.submittedAt(),
                            amends.submittedBy(),
                            Long.toString(amends.runId()),
                            amends.manifestSha256()));
        }
        if (submission.reason() != null) {
            pair(sheet, r++, "cover.reason", submission.reason());
        }
        String previous = submission.previousManifestSha256();
        pair(
                sheet,
                r++,
                "cover.previousManifest",
                previous == null ? labels.get("cover.previousManifestNone") : previous);
        return r;
    }

    /** Sets the pack hash, known once the CSV entries are written, on the cover and in the properties. */
    void packHash(String hash) {
        styles.text(packHashCell, hash, PackManifest.NAME, "text");
        POIXMLProperties.CoreProperties core = template.getProperties().getCoreProperties();
        core.setIdentifier(hash);
    }

    /** Six requirements and the overall score, rated in colour, beside the previous quarter's; a chart. */
    void summary(List<ScoreRow> scoreRows, List<ScoreRow> previousRows, String previousPeriod, RatingBounds bounds) {
        Map<String, ScoreRow> scores = byRequirement(scoreRows);
        Map<String, ScoreRow> previous = byRequirement(previousRows);
        XSSFSheet sheet = template.createSheet(labels.get("sheet.summary"));
        title(sheet, labels.get("summary.title", run.period()));
        List<String> header = List.of(
                labels.get("summary.requirement"),
                labels.get("summary.requirementTitle"),
                labels.get("summary.score"),
                labels.get("summary.rating"),
                labels.get("summary.pass"),
                labels.get("summary.fail"),
                labels.get("summary.exception"),
                labels.get("summary.pending"),
                labels.get("summary.previous", previousPeriod),
                labels.get("summary.delta"));
        int headerRow = 2;
        Row head = sheet.createRow(headerRow);
        for (int i = 0; i < header.size(); i++) {
            label(head, i, header.get(i), "header");
        }
        head.setHeightInPoints(30);
        int r = headerRow + 1;
        for (String requirement : Catalogue.scoreOrder()) {
            ScoreRow score = scores.get(requirement);
            ScoreRow before = previous.get(requirement);
            Row row = sheet.createRow(r++);
            label(row, 0, requirement, "label");
            label(row, 1, Catalogue.title(requirement, labels.lang()), "label");
            scoreCell(row, 2, score == null ? null : score.score());
            String rating = score == null ? "NO_DATA" : score.rating();
            label(row, 3, labels.get("rating." + rating), ratingStyle(rating));
            for (int i = 0; i < 4; i++) {
                Cell cell = row.createCell(4 + i);
                if (score != null) {
                    styles.set(
                            cell,
                            new long[] {score.pass(), score.fail(), score.exception(), score.pending()}[i],
                            PackContent.SCORES);
                }
            }
            scoreCell(row, 8, before == null ? null : before.score());
            if (score != null && score.score() != null && before != null && before.score() != null) {
                scoreCell(row, 9, score.score().subtract(before.score()));
            } else {
                scoreCell(row, 9, null);
            }
        }
        Row note = sheet.createRow(r + 1);
        label(note, 0, labels.get("summary.note", bounds.green(), bounds.amber()), "note");
        sheet.addMergedRegion(new CellRangeAddress(r + 1, r + 1, 0, header.size() - 1));
        note.setHeightInPoints(45);
        int[] widths = {12, 30, 10, 16, 10, 10, 10, 10, 16, 12};
        for (int i = 0; i < widths.length; i++) {
            // a header never cut short ("Previous quarter (2026Q2)"), nor wider than it needs
            int width = Math.max(widths[i], WorkbookStyles.displayWidth(header.get(i)) + 2);
            sheet.setColumnWidth(i, width * 256);
        }
        sheet.createFreezePane(0, headerRow + 1);
        printOnePageWide(sheet, false);
        List<String> ratings = REQUIREMENTS.stream()
                .map(requirement -> scores.containsKey(requirement)
                        ? scores.get(requirement).rating()
                        : "NO_DATA")
                .toList();
        chart(sheet, headerRow + 1, ratings, r + 3, !previous.isEmpty(), previousPeriod, bounds);
        summarySheet = sheet;
        belowChart = r + 3 + CHART_ROWS + 1;
    }

    /**
     * Below the chart: every control of the catalogue (and any other the run judged) with its
     * title and its findings by status, the counts under the requirement table's own columns; a
     * control that judged nothing shows zeros, a failing count the failing fill.
     */
    void controlTable(List<ControlCount> counts) {
        Map<String, ControlCount> byControl = new java.util.LinkedHashMap<>();
        Catalogue.controlIds().forEach(id -> byControl.put(id, new ControlCount(id, 0, 0, 0, 0)));
        counts.forEach(count -> byControl.put(count.controlId(), count));
        int r = belowChart;
        label(summarySheet.createRow(r++), 0, labels.get("summary.controls"), "subtitle");
        Row head = summarySheet.createRow(r);
        label(head, 0, labels.get("summary.control"), "header");
        label(head, 1, labels.get("summary.controlTitle"), "header");
        for (int i = 2; i < 4; i++) {
            label(head, i, "", "header");
        }
        List<String> statuses = List.of("summary.pass", "summary.fail", "summary.exception", "summary.pending");
        for (int i = 0; i < statuses.size(); i++) {
            label(head, 4 + i, labels.get(statuses.get(i)), "header");
        }
        summarySheet.addMergedRegion(new CellRangeAddress(r, r, 1, 3));
        r++;
        for (ControlCount count : byControl.values()) {
            Row row = summarySheet.createRow(r);
            label(row, 0, count.controlId(), "label");
            label(row, 1, Catalogue.controlTitle(count.controlId(), labels.lang()), "text");
            summarySheet.addMergedRegion(new CellRangeAddress(r, r, 1, 3));
            long[] values = {count.pass(), count.fail(), count.exception(), count.pending()};
            for (int i = 0; i < values.length; i++) {
                Cell cell = row.createCell(4 + i);
                styles.set(cell, values[i], PackContent.SCORES);
            }
            if (count.fail() > 0) {
                Cell fail = row.getCell(5);
                fail.setCellStyle(styles.filled(fail.getCellStyle()));
            }
            r++;
        }
    }

    private static Map<String, ScoreRow> byRequirement(List<ScoreRow> rows) {
        Map<String, ScoreRow> byRequirement = new java.util.HashMap<>();
        rows.forEach(row -> byRequirement.put(row.requirement(), row));
        return byRequirement;
    }

    /**
     * This quarter's bar of each requirement in its rating's colour (the template's rating fills),
     * the previous quarter's beside it in grey, and the two rating thresholds of the run's policy
     * as lines across.
     */
    private void chart(
            XSSFSheet sheet,
            int firstRow,
            List<String> ratings,
            int top,
            boolean withPrevious,
            String previousPeriod,
            RatingBounds bounds) {
        int lastRow = firstRow + ratings.size() - 1;
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 0, top, 8, top + CHART_ROWS);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(labels.get("summary.chart"));
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        XDDFCategoryAxis categories = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis values = chart.createValueAxis(AxisPosition.LEFT);
        values.setMinimum(0);
        values.setMaximum(100);
        values.setCrosses(AxisCrosses.AUTO_ZERO);
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, categories, values);
        data.setBarDirection(BarDirection.COL);
        var names = XDDFDataSourcesFactory.fromStringCellRange(sheet, new CellRangeAddress(firstRow, lastRow, 0, 0));
        XDDFChartData.Series current = data.addSeries(
                names,
                XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(firstRow, lastRow, 2, 2)));
        current.setTitle(run.period().toString(), null);
        current.setFillProperties(solid(CURRENT_BAR));
        for (int i = 0; i < ratings.size(); i++) {
            current.getDataPoint(i).setFillProperties(solid(styles.fillRgb(ratingStyle(ratings.get(i)))));
        }
        if (withPrevious) {
            XDDFChartData.Series before = data.addSeries(
                    names,
                    XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(firstRow, lastRow, 8, 8)));
            before.setTitle(previousPeriod, null);
            before.setFillProperties(solid(PREVIOUS_BAR));
        }
        data.setVaryColors(false);
        chart.plot(data);
        XDDFLineChartData lines = (XDDFLineChartData) chart.createData(ChartTypes.LINE, categories, values);
        threshold(sheet, lines, names, firstRow, lastRow, THRESHOLD_COLUMN, bounds.green(), "GREEN");
        threshold(sheet, lines, names, firstRow, lastRow, THRESHOLD_COLUMN + 1, bounds.amber(), "AMBER");
        lines.setVaryColors(false);
        chart.plot(lines);
        // the thresholds' cells are hidden (the note states them); the chart draws them anyway
        chart.setPlotOnlyVisibleCells(false);
    }

    /**
     * A flat line at a rating's lower bound, in the colour of that rating's text. Its values are
     * cells of a hidden column beside the table: LibreOffice draws no line of literal values.
     */
    private void threshold(
            XSSFSheet sheet,
            XDDFLineChartData lines,
            XDDFDataSource<String> names,
            int firstRow,
            int lastRow,
            int column,
            java.math.BigDecimal from,
            String rating) {
        String title = labels.get("summary.threshold", labels.get("rating." + rating), from);
        label(sheet.getRow(firstRow - 1), column, title, "header");
        for (int r = firstRow; r <= lastRow; r++) {
            scoreCell(sheet.getRow(r), column, from);
        }
        sheet.setColumnHidden(column, true);
        XDDFLineChartData.Series line = (XDDFLineChartData.Series) lines.addSeries(
                names,
                XDDFDataSourcesFactory.fromNumericCellRange(
                        sheet, new CellRangeAddress(firstRow, lastRow, column, column)));
        line.setTitle(title, null);
        line.setMarkerStyle(MarkerStyle.NONE);
        line.setSmooth(false);
        XDDFLineProperties stroke = new XDDFLineProperties(solid(styles.fontRgb(ratingStyle(rating))));
        stroke.setWidth(2.0);
        stroke.setPresetDash(new XDDFPresetLineDash(PresetLineDash.DASH));
        line.setLineProperties(stroke);
    }

    private static String ratingStyle(String rating) {
        return "rating-" + rating.toLowerCase().replace('_', '-');
    }

    /**
     * Bars need an explicit fill or LibreOffice draws none; the chart's colours are the template's
     * rating colours, but for the two series colours a chart made per pack has to carry itself.
     */
    private static XDDFSolidFillProperties solid(byte[] rgb) {
        return new XDDFSolidFillProperties(XDDFColor.from(rgb));
    }

    /** Printed (or turned into PDF) a sheet fits the page width, landscape, its header on every page. */
    static void printOnePageWide(Sheet sheet, boolean repeatHeader) {
        printPagesWide(sheet, repeatHeader, 1);
    }

    /**
     * Printed, a sheet spans {@code pagesWide} landscape pages side by side, so a wide record table
     * stays legible; the first column (the record's id) is repeated on each of them.
     */
    static void printPagesWide(Sheet sheet, boolean repeatHeader, int pagesWide) {
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
        sheet.getPrintSetup().setFitWidth((short) pagesWide);
        sheet.getPrintSetup().setFitHeight((short) 0);
        if (repeatHeader) {
            sheet.setRepeatingRows(CellRangeAddress.valueOf("1:1"));
        }
        if (pagesWide > 1) {
            sheet.setRepeatingColumns(CellRangeAddress.valueOf("A:A"));
        }
        sheet.getHeader().setLeft(sheet.getSheetName());
        // &P and &N: page number and page count in Excel's header/footer codes
        sheet.getFooter().setRight("&P / &N");
    }

    /** Moves the sheet made last to just before the named one (a summary written after its details). */
    void moveLastBefore(String sheetName) {
        int last = workbook.getNumberOfSheets() - 1;
        workbook.setSheetOrder(workbook.getSheetName(last), workbook.getSheetIndex(sheetName));
    }

    /** Moves sheets, in the order given, behind all the others. */
    void moveToEnd(List<String> sheetNames) {
        for (String name : sheetNames) {
            workbook.setSheetOrder(name, workbook.getNumberOfSheets() - 1);
        }
    }

    /**
     * A streamed table: findings, exceptions, data quality; {@code wholeIn} is the pack entry that
     * holds its values whole (null: the table shows the pack's own words and counts).
     */
    SheetSeries table(String sheetName, List<String> header, String wholeIn) {
        return new SheetSeries(workbook, styles, sheetName, header, wholeIn, maxRowsPerSheet);
    }

    /**
     * Writes the workbook: document properties from the run, and the xlsx's own zip rewritten
     * with fixed entry times, so the same run gives the same bytes. Returns its rows on all its
     * sheets, counted as written: the rows each sheet built in full holds, and every streamed
     * row. {@code verify} counts the same rows as the {@code <row>} elements of the sheets' XML;
     * counting them here spares reading gigabytes of that XML back.
     */
    long write(Path file, Path scratch) {
        POIXMLProperties.CoreProperties core = template.getProperties().getCoreProperties();
        Date asOf = Date.from(run.asOf());
        core.setCreated(Optional.of(asOf));
        core.setModified(Optional.of(asOf));
        core.setCreator("compliance");
        core.setLastModifiedByUser("compliance");
        core.setTitle(labels.get("cover.title", run.period()));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(scratch))) {
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ZipEntries.rewriteWithFixedTimes(scratch, file, entryTime(run));
        long builtRows = 0;
        for (Sheet sheet : template) {
            builtRows += sheet.getPhysicalNumberOfRows();
        }
        return builtRows + workbook.streamedRows();
    }

    /** The time every zip entry carries: the run's as-of in the report zone. */
    static LocalDateTime entryTime(Run run) {
        return PackValues.local(run.asOf(), run.zone()).withNano(0);
    }

    private void title(Sheet sheet, String text) {
        Row row = sheet.createRow(0);
        label(row, 0, text, "title");
        row.setHeightInPoints(26);
    }

    private Cell pair(Sheet sheet, int rowIndex, String key, String value) {
        Row row = sheet.createRow(rowIndex);
        label(row, 0, labels.get(key), "label");
        Cell cell = row.createCell(1);
        if (value != null) {
            // the cover's values are the manifest's fields
            styles.set(cell, value, PackManifest.NAME);
        }
        return cell;
    }

    /** A text of the pack's own: a title, a label, a header, a note. */
    private void label(Row row, int column, String text, String style) {
        styles.text(row.createCell(column), text, null, style);
    }

    private void scoreCell(Row row, int column, java.math.BigDecimal score) {
        Cell cell = row.createCell(column);
        // style before value, as packs were always made: the order of the cell's XML attributes
        cell.setCellStyle(styles.style("score"));
        if (score != null) {
            cell.setCellValue(score.doubleValue());
        } else {
            styles.text(cell, "—", null, "score");
        }
    }

    @Override
    public void close() {
        workbook.dispose();
        try {
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
