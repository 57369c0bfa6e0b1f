package kr.compliance.pack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * A zip entry's content deflated in segments, apart: each segment but the last ends on a sync
 * flush (on a byte boundary, the stream left open), the last ends the stream. One after the other
 * they are one deflate stream, which any unzip reads whole; the entry's CRC-32 is combined from
 * the segments' own, so no segment is read again. The zip itself is still Commons Compress's.
 *
 * <p>This is how a streamed sheet of the workbook, deflated as its rows were written, goes into
 * the xlsx between the sheet XML that POI writes only at the end: at four million changes 7 GB of
 * rows, which were inflated and deflated a second time on one core while the pack waited.
 */
final class DeflatedSegments {

    private static final int BUFFER = 1 << 16;
    /** CRC-32's polynomial, reflected. */
    private static final int POLYNOMIAL = 0xEDB88320;
    /** {@code x^(2^k)} modulo the polynomial, for k from 0 to 31. */
    private static final int[] X_TO_2_TO_K = new int[32];

    static {
        int p = 1 << 30; // x^1
        for (int k = 0; k < X_TO_2_TO_K.length; k++) {
            X_TO_2_TO_K[k] = p;
            p = multiplyModulo(p, p);
        }
    }

    private DeflatedSegments() {}

    /**
     * Deflated bytes that are part of one deflate stream, as {@code deflated} opens them, with the
     * CRC-32 and the length of what they inflate to.
     */
    record Segment(long crc, long size, long compressedSize, Source deflated) {}

    /** Where a segment's deflated bytes are read from. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    /** {@code content} deflated as a segment that more may follow ({@code last} false) or that ends the stream. */
    static Segment of(byte[] content, boolean last) throws IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        SegmentOutputStream segment = new SegmentOutputStream(deflated);
        try (segment) {
            segment.write(content);
            if (last) {
                segment.finish();
            }
        }
        byte[] bytes = deflated.toByteArray();
        return segment.segment(() -> new ByteArrayInputStream(bytes));
    }

    /**
     * Writes the segments, in order, as the entry {@code entry} (its name and time as given), and
     * closes their streams; the last segment must end the deflate stream.
     */
    static void write(ZipArchiveOutputStream zip, ZipArchiveEntry entry, List<Segment> segments) throws IOException {
        long crc = 0;
        long size = 0;
        long compressedSize = 0;
        for (Segment segment : segments) {
            crc = combine(crc, segment.crc(), segment.size());
            size += segment.size();
            compressedSize += segment.compressedSize();
        }
        entry.setMethod(ZipEntry.DEFLATED);
        entry.setCrc(crc);
        entry.setSize(size);
        entry.setCompressedSize(compressedSize);
        List<InputStream> opened = new ArrayList<>();
        try {
            for (Segment segment : segments) {
                opened.add(segment.deflated().open());
            }
            zip.addRawArchiveEntry(entry, new SequenceInputStream(Collections.enumeration(opened)));
        } finally {
            for (InputStream in : opened) {
                in.close();
            }
        }
    }

    /**
     * The CRC-32 of A followed by B, from A's, B's and B's length: A's shifted over B's length
     * (multiplied by {@code x^(8·length)} modulo the polynomial), plus B's. Zlib's
     * {@code crc32_combine}, which Java does not expose.
     */
    static long combine(long crcA, long crcB, long lengthB) {
        return (multiplyModulo(xToThe8Times(lengthB), (int) crcA) ^ (int) crcB) & 0xFFFFFFFFL;
    }

    /** {@code a·b} modulo the polynomial, both in CRC-32's reflected bit order. */
    private static int multiplyModulo(int a, int b) {
        int m = 1 << 31;
        int product = 0;
        while (true) {
            if ((a & m) != 0) {
                product ^= b;
                if ((a & (m - 1)) == 0) {
                    return product;
                }
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLYNOMIAL : b >>> 1;
        }
    }

    /** {@code x^(8·n)} modulo the polynomial: the shift of a CRC over n bytes. */
    private static int xToThe8Times(long n) {
        int p = 1 << 31; // x^0
        for (int k = 3; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                p = multiplyModulo(X_TO_2_TO_K[k & 31], p);
            }
        }
        return p;
    }

    /**
     * Deflates what is written into a segment, at the fastest level, keeping its CRC-32 and
     * lengths; closed, it ends on a sync flush unless {@link #finish finished} first.
     */
    static final class SegmentOutputStream extends FilterOutputStream {

        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        private final CRC32 crc = new CRC32();
        private final byte[] buffer = new byte[BUFFER];
        private long size;
        private long compressedSize;
        private boolean finished;
        private boolean closed;

        SegmentOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            crc.update(bytes, offset, length);
            size += length;
            deflater.setInput(bytes, offset, length);
            while (!deflater.needsInput()) {
                drain(Deflater.NO_FLUSH);
            }
        }

        /** Ends the deflate stream with this segment. */
        void finish() throws IOException {
            deflater.finish();
            while (!deflater.finished()) {
                drain(Deflater.NO_FLUSH);
            }
            finished = true;
        }

        @Override
        public void flush() throws IOException {
            // a sync flush here would put empty blocks wherever the writer above flushes
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (!finished) {
                    while (drain(Deflater.SYNC_FLUSH) == buffer.length) {
                        // a full buffer: the flush has more to give
                    }
                }
            } finally {
                deflater.end();
                out.close();
            }
        }

        /** What was written, as a segment whose bytes {@code deflated} opens; call once closed. */
        Segment segment(Source deflated) {
            return new Segment(crc.getValue(), size, compressedSize, deflated);
        }

        private int drain(int flush) throws IOException {
            int n = deflater.deflate(buffer, 0, buffer.length, flush);
            out.write(buffer, 0, n);
            compressedSize += n;
            return n;
        }
    }
}
