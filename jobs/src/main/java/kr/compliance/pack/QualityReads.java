package kr.compliance.pack;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import kr.compliance.pack.PackRows.DanglingReference;
import kr.compliance.pack.PackRows.RevisionCount;
import kr.compliance.results.Run;

/**
 * The reads of the workbook's last sheets, begun with the pack on a thread of their own: the
 * dangling references (anti-joins over the period's records) and the revision counts (a pass
 * over every revision) are few rows but keep the server busy for a quarter of a large pack's
 * time, which the sheets would otherwise wait for at their end. The references may be many, so
 * they are spooled to a file in the pack's work folder, in the order the store gave them.
 */
final class QualityReads {

    private static final String SPOOL = "dangling-references.spool.csv";

    private final Path spool;
    private final List<RevisionCount> revisionCounts;

    private QualityReads(Path spool, List<RevisionCount> revisionCounts) {
        this.spool = spool;
        this.revisionCounts = revisionCounts;
    }

    /** Starts the reads of the run's data quality; the spool goes into {@code folder}. */
    static CompletableFuture<QualityReads> begin(PackRepository repository, Run run, Path folder) {
        return CompletableFuture.supplyAsync(
                () -> {
                    Path spool = folder.resolve(SPOOL);
                    try (CsvWriter writer = CsvWriter.builder().build(spool, StandardCharsets.UTF_8)) {
                        repository.forEachDanglingReference(
                                run, d -> writer.writeRecord(d.kind(), d.recordId(), d.field(), d.missingId()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return new QualityReads(spool, repository.revisionCounts(run));
                },
                Thread::startVirtualThread);
    }

    /** Per record kind, as {@link PackRepository#revisionCounts}. */
    List<RevisionCount> revisionCounts() {
        return revisionCounts;
    }

    /** The dangling references as {@link PackRepository#forEachDanglingReference} gave them. */
    void forEachDanglingReference(Consumer<DanglingReference> action) {
        // every field is a non-null text (ids and literals), which CSV gives back exactly
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(spool)) {
            for (CsvRecord r : reader) {
                action.accept(new DanglingReference(r.getField(0), r.getField(1), r.getField(2), r.getField(3)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
