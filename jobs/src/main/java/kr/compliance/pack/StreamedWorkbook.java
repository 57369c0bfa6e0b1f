package kr.compliance.pack;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.openxml4j.util.ZipArchiveThresholdInputStream;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * POI's streaming workbook, its sheets' rows deflated once. POI keeps a streamed sheet's rows in
 * a temporary file and, when the workbook is written, deflates them into the xlsx inside the
 * sheet's XML. Here the rows are deflated into that file as they are written ({@link
 * DeflatedSegments}), and the xlsx takes those bytes as they are, between the sheet's XML before
 * and after its rows: the same XML, written in about 4 s at four million changes instead of 38-51 s.
 */
final class StreamedWorkbook extends SXSSFWorkbook {

    private static final String EMPTY_SHEET_DATA = "<sheetData/>";
    /** What POI puts around a sheet's rows. */
    private static final byte[] ROWS_BEGIN = "<sheetData>\n".getBytes(StandardCharsets.US_ASCII);

    private static final String ROWS_END = "</sheetData>";

    /** Rows of the streamed sheets written so far, on the thread that writes the workbook. */
    private long streamedRows;

    StreamedWorkbook(XSSFWorkbook template, int rowWindow) {
        super(template, rowWindow);
        // Commons Compress's own zip writer, which takes raw entries (POI's zip64 writer does not); the
        // xlsx's parts are each far below the 4 GB that would need zip64
        setZip64Mode(Zip64Mode.AsNeeded);
    }

    /** Every row written to a streamed sheet so far. */
    long streamedRows() {
        return streamedRows;
    }

    @Override
    protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
        // millions of rows: the fastest deflate costs a little size and saves much time
        ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        return zip;
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        return new DeflatedRows();
    }

    /**
     * Writes the xlsx: each part of the workbook POI wrote as it is, but a streamed sheet's,
     * which gets its rows, deflated already, where the sheet's XML has none.
     */
    @Override
    protected void injectData(ZipEntrySource parts, OutputStream out) throws IOException {
        ZipArchiveOutputStream zip = createArchiveOutputStream(out);
        try {
            for (ZipArchiveEntry part : Collections.list(parts.getEntries())) {
                ZipArchiveEntry copy = new ZipArchiveEntry(part.getName());
                if (part.getSize() >= 0) {
                    copy.setSize(part.getSize());
                }
                if (part.getTime() >= 0) {
                    copy.setTime(part.getTime());
                }
                XSSFSheet sheet = getSheetFromZipEntryName(part.getName());
                try (InputStream xml = parts.getInputStream(part)) {
                    if (xml instanceof ZipArchiveThresholdInputStream guarded) {
                        // POI's own guard against zip bombs, off as POI turns it off here: these are its own parts
                        guarded.setGuardState(false);
                    }
                    if (sheet == null) {
                        zip.putArchiveEntry(copy);
                        xml.transferTo(zip);
                        zip.closeArchiveEntry();
                    } else {
                        InputStream rows = getSheetAt(getXSSFWorkbook().getSheetIndex(sheet))
                                .getWorksheetXMLInputStream();
                        writeSheet(zip, copy, xml.readAllBytes(), (Rows) rows);
                    }
                }
            }
        } finally {
            zip.finish();
            parts.close();
        }
    }

    /**
     * The sheet's XML up to where its rows go, the rows, and the XML after them: one deflate
     * stream. The rows go where POI puts them: into an empty {@code <sheetData/>}, or after the
     * rows a sheet of the template had.
     */
    private static void writeSheet(ZipArchiveOutputStream zip, ZipArchiveEntry entry, byte[] sheetXml, Rows rows)
            throws IOException {
        // one byte one character: an index in the string is the index in the bytes
        String xml = new String(sheetXml, StandardCharsets.ISO_8859_1);
        byte[] before;
        byte[] after;
        int empty = xml.indexOf(EMPTY_SHEET_DATA);
        int end = xml.indexOf(ROWS_END);
        if (empty >= 0) {
            before = join(Arrays.copyOfRange(sheetXml, 0, empty), ROWS_BEGIN);
            after = join(
                    ROWS_END.getBytes(StandardCharsets.US_ASCII),
                    Arrays.copyOfRange(sheetXml, empty + EMPTY_SHEET_DATA.length(), sheetXml.length));
        } else if (end >= 0) {
            before = Arrays.copyOfRange(sheetXml, 0, end);
            after = Arrays.copyOfRange(sheetXml, end, sheetXml.length);
        } else {
            rows.close();
            throw new PackException("the streamed sheet " + entry.getName() + " has no <sheetData> for its rows");
        }
        DeflatedSegments.write(
                zip,
                entry,
                List.of(DeflatedSegments.of(before, false), rows.segment, DeflatedSegments.of(after, true)));
    }

    private static byte[] join(byte[] head, byte[] tail) {
        byte[] joined = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, joined, head.length, tail.length);
        return joined;
    }

    /**
     * A streamed sheet's rows, deflated into POI's temporary file as written: a segment the
     * sheet's XML goes on after. Read back, the file gives those deflated bytes, for {@link
     * #injectData} alone.
     */
    private final class DeflatedRows extends SheetDataWriter {

        /**
         * Set while POI's constructor opens the file, before this class's fields are initialised:
         * so it has no initialiser, which would clear it.
         */
        private DeflatedSegments.SegmentOutputStream deflated;

        DeflatedRows() throws IOException {
            super();
        }

        @Override
        protected OutputStream decorateOutputStream(FileOutputStream file) {
            deflated = new DeflatedSegments.SegmentOutputStream(file);
            return deflated;
        }

        @Override
        protected InputStream decorateInputStream(FileInputStream file) {
            return new Rows(file, deflated.segment(() -> file));
        }

        /** Every streamed row passes here once, as one {@code <row>} element of its sheet's XML. */
        @Override
        public void writeRow(int rowNumber, SXSSFRow row) throws IOException {
            super.writeRow(rowNumber, row);
            streamedRows++;
        }
    }

    /** A sheet's deflated rows, with their CRC-32 and lengths. */
    private static final class Rows extends FilterInputStream {

        private final DeflatedSegments.Segment segment;

        Rows(InputStream deflated, DeflatedSegments.Segment segment) {
            super(deflated);
            this.segment = segment;
        }
    }
}
