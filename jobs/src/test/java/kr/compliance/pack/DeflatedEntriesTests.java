package kr.compliance.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV entries deflated beside the pack's writers, then taken into its zip as they are. */
class DeflatedEntriesTests {

    private static final LocalDateTime TIME = LocalDateTime.parse("2026-10-05T09:00:00");
    /** Small pieces, so that the findings here are deflated in fourteen. */
    private static final long PIECE_BYTES = 1 << 20;

    @TempDir
    Path folder;

    @Test
    void theZipHoldsEveryEntryWholeInTheOrderGivenDeflatedBesideTheWritersButTheWorkbookStored() throws IOException {
        Path findings = csv("findings.csv", 200_000);
        Path changes = csv("changes.csv", 3);
        Path empty = Files.write(folder.resolve("empty.csv"), new byte[0]);
        Path manifest = Files.writeString(folder.resolve("manifest.json"), "{\"format\":\"x\"}");
        Path workbook = Files.write(folder.resolve("evidence-2026Q3.xlsx"), new byte[] {'P', 'K', 3, 4, 0});
        List<ZipEntries.Source> sources = List.of(
                new ZipEntries.Source("manifest.json", manifest),
                new ZipEntries.Source("evidence-2026Q3.xlsx", workbook),
                new ZipEntries.Source("findings.csv", findings),
                new ZipEntries.Source("changes.csv", changes),
                new ZipEntries.Source("empty.csv", empty));
        assertThat(Files.size(findings)).isGreaterThan(10 * PIECE_BYTES);

        Path first = folder.resolve("first.zip");
        try (DeflatedEntries deflated = new DeflatedEntries(folder, TIME, PIECE_BYTES)) {
            deflated.add("findings.csv");
            deflated.add("changes.csv");
            deflated.add("empty.csv");
            ZipEntries.write(first, sources, deflated, TIME);
            assertThat(deflatedLeftIn(folder))
                    .as("each entry's deflated pieces go as it is written, not only when the pack ends")
                    .isEmpty();
        }

        try (ZipFile zip = new ZipFile(first.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            assertThat(entries)
                    .extracting(ZipEntry::getName)
                    .containsExactly(
                            "manifest.json", "evidence-2026Q3.xlsx", "findings.csv", "changes.csv", "empty.csv");
            assertThat(entries)
                    .extracting(ZipEntry::getMethod)
                    .containsExactly(
                            ZipEntry.DEFLATED,
                            ZipEntry.STORED,
                            ZipEntry.DEFLATED,
                            ZipEntry.DEFLATED,
                            ZipEntry.DEFLATED);
            assertThat(entries).extracting(ZipEntry::getTimeLocal).containsOnly(TIME);
            for (ZipEntries.Source source : sources) {
                ZipEntry entry = zip.getEntry(source.name());
                byte[] content = zip.getInputStream(entry).readAllBytes();
                assertThat(content).isEqualTo(Files.readAllBytes(source.file()));
                CRC32 crc = new CRC32();
                crc.update(content);
                assertThat(crc.getValue()).as("CRC-32 of %s", source.name()).isEqualTo(entry.getCrc());
            }
            assertThat(zip.getEntry("findings.csv").getCompressedSize()).isLessThan(Files.size(findings) / 3);
        }
        Path second = folder.resolve("second.zip");
        try (DeflatedEntries deflated = new DeflatedEntries(folder, TIME, PIECE_BYTES)) {
            deflated.add("empty.csv");
            deflated.add("changes.csv");
            deflated.add("findings.csv");
            ZipEntries.write(second, sources, deflated, TIME);
        }
        assertThat(second).as("the same entries give the same bytes").hasSameBinaryContentAs(first);
    }

    @Test
    void anEntryThatCannotBeReadFailsTheZipNamingIt() throws IOException {
        Path changes = csv("changes.csv", 3);
        Files.delete(changes);

        try (DeflatedEntries deflated = new DeflatedEntries(folder, TIME)) {
            deflated.add("changes.csv");
            assertThatThrownBy(() -> ZipEntries.write(
                            folder.resolve("pack.zip"),
                            List.of(new ZipEntries.Source("changes.csv", changes)),
                            deflated,
                            TIME))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasRootCauseInstanceOf(NoSuchFileException.class)
                    .rootCause()
                    .hasMessageContaining("changes.csv");
        }
    }

    @Test
    void aPackThatEndsWhileItsEntriesAreDeflatedStopsThemAndLeavesNoDeflatedBytes() throws IOException {
        for (int n = 0; n < 4; n++) {
            csv("tests-" + n + ".csv", 400_000);
        }

        DeflatedEntries deflating = new DeflatedEntries(folder, TIME);
        DeflatedEntries waiting = new DeflatedEntries(folder, TIME);
        for (int n = 0; n < 4; n++) {
            deflating.add("tests-" + n + ".csv");
            waiting.add("tests-" + n + ".csv");
        }
        deflating.begin();
        long started = System.nanoTime();
        deflating.close();
        waiting.close();

        assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(30);
        assertThat(deflatedLeftIn(folder)).isEmpty();
    }

    @Test
    void aPackThatEndsBeforeWritingAnEntryAlreadyDeflatedRemovesItsPieces() throws IOException {
        csv("scores.csv", 3);
        Path findings = csv("findings.csv", 200_000);
        try (DeflatedEntries deflated = new DeflatedEntries(folder, TIME, PIECE_BYTES)) {
            // the small entry's one piece goes to a thread before any of the large one's fourteen
            deflated.add("scores.csv");
            deflated.add("findings.csv");
            ZipEntries.write(
                    folder.resolve("pack.zip"),
                    List.of(new ZipEntries.Source("findings.csv", findings)),
                    deflated,
                    TIME);
        }
        assertThat(deflatedLeftIn(folder))
                .as("scores.csv was deflated but never written")
                .isEmpty();
    }

    private Path csv(String name, int rows) throws IOException {
        Path file = folder.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("control_id,subject_id,status,reason\r\n".getBytes(StandardCharsets.UTF_8));
            for (int n = 0; n < rows; n++) {
                out.write(("R1.1,CHG-" + n + ",PASS,pre-test passed " + (n * 7919 % 1000) + " minutes before\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    private static List<Path> deflatedLeftIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".deflated"))
                    .toList();
        }
    }
}
