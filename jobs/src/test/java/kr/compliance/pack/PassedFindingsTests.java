package kr.compliance.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kr.compliance.results.Finding;
import org.junit.jupiter.api.Test;

/** The handoff of PASS findings between a pack's two writers: in order, flat, and never a thread left waiting. */
class PassedFindingsTests {

    private static Finding pass(int n) {
        return new Finding(
                "R1.1",
                "R1",
                "CHANGE",
                "CHG-" + n,
                "PASS",
                "ok",
                null,
                OffsetDateTime.parse("2026-09-01T00:00Z"),
                null,
                null,
                null);
    }

    @Test
    void everyFindingReachesTheSheetsInTheOrderHandedThoughFarMoreThanTheHandoffHolds() throws Exception {
        PassedFindings passed = new PassedFindings();
        int count = 50_000;
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int n = 0; n < count; n++) {
                passed.hand(pass(n), new Object[] {n});
            }
            passed.end(null);
        });
        List<String> taken = new ArrayList<>();
        passed.forEach((f, row) -> taken.add(f.subjectId() + "=" + row[0]));
        writer.get(10, TimeUnit.SECONDS);

        assertThat(taken).hasSize(count).startsWith("CHG-0=0", "CHG-1=1").endsWith("CHG-49999=49999");
    }

    @Test
    void aWriterThatFailsFailsTheSheetsWithItsOwnFailure() {
        PassedFindings passed = new PassedFindings();
        IllegalStateException lost = new IllegalStateException("the database went away");
        CompletableFuture.runAsync(() -> {
            passed.hand(pass(1), new Object[] {1});
            passed.end(lost);
        });
        List<String> taken = new ArrayList<>();

        assertThatThrownBy(() -> passed.forEach((f, row) -> taken.add(f.subjectId())))
                .isSameAs(lost);
        assertThat(taken).containsExactly("CHG-1");
    }

    @Test
    void anAbandonedPackStopsAWriterWaitingOnAFullHandoffAndASheetWaitingOnAnEmptyOne() throws Exception {
        PassedFindings full = new PassedFindings();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int n = 0; ; n++) {
                full.hand(pass(n), new Object[] {n});
            }
        });
        Thread.sleep(300);
        assertThat(writer).isNotDone();
        full.abandon();
        assertThatThrownBy(() -> writer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(PackException.class);
        // its end, in the writer's finally, does not wait either
        full.end(null);

        PassedFindings empty = new PassedFindings();
        CompletableFuture<Void> sheets = CompletableFuture.runAsync(() -> empty.forEach((f, row) -> {}));
        Thread.sleep(300);
        assertThat(sheets).isNotDone();
        empty.abandon();
        assertThatThrownBy(() -> sheets.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(PackException.class)
                .hasMessageContaining("abandoned");
    }
}
