package kr.compliance.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deflate segments made apart, one entry; their CRC-32s combined into the whole's. */
class DeflatedSegmentsTests {

    @TempDir
    Path folder;

    @Test
    void theCombinedCrcIsTheCrcOfTheWholeWhereverItIsSplit() {
        byte[] content = new byte[10_000];
        new Random(7).nextBytes(content);
        for (int split : new int[] {0, 1, 4_999, 9_999, 10_000}) {
            long first = crc(content, 0, split);
            long second = crc(content, split, content.length);
            assertThat(DeflatedSegments.combine(first, second, content.length - split))
                    .as("split at %d", split)
                    .isEqualTo(crc(content, 0, content.length));
        }
    }

    @Test
    void theCombinedCrcHoldsPastFourGigabytes() {
        byte[] head = "<sheetData>".getBytes(StandardCharsets.US_ASCII);
        byte[] zeros = new byte[1 << 20];
        long length = 5L * 1024 * 1024 * 1024 + 3;
        CRC32 whole = new CRC32();
        whole.update(head);
        CRC32 tail = new CRC32();
        for (long left = length; left > 0; left -= zeros.length) {
            int n = (int) Math.min(left, zeros.length);
            whole.update(zeros, 0, n);
            tail.update(zeros, 0, n);
        }
        assertThat(DeflatedSegments.combine(crc(head, 0, head.length), tail.getValue(), length))
                .isEqualTo(whole.getValue());
    }

    @Test
    void segmentsWrittenOneAfterAnotherAreOneEntryThatUnzipReadsWholeAndChecks() throws IOException {
        byte[] before = "<?xml version=\"1.0\"?><worksheet><sheetData>\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream rowsXml = new ByteArrayOutputStream();
        Path rowsFile = folder.resolve("rows.deflated");
        DeflatedSegments.SegmentOutputStream rows =
                new DeflatedSegments.SegmentOutputStream(Files.newOutputStream(rowsFile));
        try (rows) {
            for (int r = 1; r <= 50_000; r++) {
                byte[] row = ("<row r=\"" + r + "\"><c><is><t>변경 " + r % 97 + "</t></is></c></row>\n")
                        .getBytes(StandardCharsets.UTF_8);
                rowsXml.write(row);
                // a byte at a time now and then, as a writer may hand them
                rows.write(row[0]);
                rows.write(row, 1, row.length - 1);
                if (r % 1_000 == 0) {
                    rows.flush();
                }
            }
        }
        byte[] after = "</sheetData><pageMargins/></worksheet>".getBytes(StandardCharsets.UTF_8);
        Path zip = folder.resolve("segments.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            DeflatedSegments.write(
                    out,
                    new ZipArchiveEntry("xl/worksheets/sheet1.xml"),
                    List.of(
                            DeflatedSegments.of(before, false),
                            rows.segment(() -> Files.newInputStream(rowsFile)),
                            DeflatedSegments.of(after, true)));
        }

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(before);
        expected.write(rowsXml.toByteArray());
        expected.write(after);
        // ZipInputStream checks each entry's CRC-32 and size against what it inflated
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo("xl/worksheets/sheet1.xml");
            assertThat(in.readAllBytes()).isEqualTo(expected.toByteArray());
            assertThat(in.getNextEntry()).isNull();
        }
        assertThat(Files.size(zip)).isLessThan(expected.size() / 5);
    }

    @Test
    void oneLastSegmentAloneIsAWholeEntryAndTheSameContentGivesTheSameBytes() throws IOException {
        byte[] content = "scores\n".repeat(1_000).getBytes(StandardCharsets.UTF_8);
        byte[][] zips = new byte[2][];
        for (int i = 0; i < zips.length; i++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
                DeflatedSegments.write(out, new ZipArchiveEntry("a.csv"), List.of(DeflatedSegments.of(content, true)));
            }
            zips[i] = bytes.toByteArray();
        }
        assertThat(zips[1]).isEqualTo(zips[0]);
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zips[0]))) {
            in.getNextEntry();
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    private static long crc(byte[] bytes, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(Arrays.copyOfRange(bytes, from, to));
        return crc.getValue();
    }
}
