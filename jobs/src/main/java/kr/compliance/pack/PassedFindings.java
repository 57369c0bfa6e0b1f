package kr.compliance.pack;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import kr.compliance.results.Finding;

/**
 * The {@code PASS} findings, most of a quarter's, handed from the thread that writes
 * {@code findings.csv} to the thread that writes the requirement sheets, each with its row (the
 * reason already worded in the pack's language), in the order the CSV reads them: control and
 * subject, the order the sheets list them in after the failures. So the run's findings are read
 * from the store and worded once, not once per writer; at four million changes the second read
 * went to disk. At most {@value #CAPACITY} wait between the threads, so memory stays flat: the CSV
 * writer waits while the sheets are behind.
 *
 * <p>Either side may fail: the CSV writer always {@linkplain #end ends} the handoff, with its failure
 * if it failed, which the sheets then fail with too; a pack that fails {@linkplain #abandon
 * abandons} it. So neither thread waits for the other forever.
 */
final class PassedFindings {

    private static final int CAPACITY = 4096;

    /** A finding and its row; or the end, with the reader's failure if it failed. */
    private record Handed(Finding finding, Object[] row, RuntimeException failure) {}

    private static final Handed COMPLETE = new Handed(null, null, null);

    private final BlockingQueue<Handed> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean abandoned;
    /** Touched by the CSV writer's thread alone. */
    private boolean ended;

    /** Hands one {@code PASS} finding and its row on; waits while the sheets are {@value #CAPACITY} behind. */
    void hand(Finding finding, Object[] row) {
        offer(new Handed(finding, row, null));
    }

    /**
     * No more findings come: every one was handed ({@code failure} null), or reading them failed.
     * Only the first end counts. Once the pack is abandoned nobody waits for it, and it is dropped.
     */
    void end(RuntimeException failure) {
        if (ended) {
            return;
        }
        ended = true;
        try {
            offer(failure == null ? COMPLETE : new Handed(null, null, failure));
        } catch (PackException abandonedOrInterrupted) {
            // the sheets no longer wait: the pack has failed already
        }
    }

    /** The pack failed: whoever waits, or will, on this handoff stops. */
    void abandon() {
        abandoned = true;
        queue.clear();
    }

    /** Takes every finding handed, in order, until the CSV writer ends; fails with its failure if it failed. */
    void forEach(BiConsumer<Finding, Object[]> action) {
        for (Handed handed = take(); handed != COMPLETE; handed = take()) {
            if (handed.failure() != null) {
                throw handed.failure();
            }
            action.accept(handed.finding(), handed.row());
        }
    }

    private void offer(Handed handed) {
        try {
            while (!queue.offer(handed, 100, TimeUnit.MILLISECONDS)) {
                checkNotAbandoned();
            }
            checkNotAbandoned();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackException("interrupted while handing findings to the requirement sheets", e);
        }
    }

    private Handed take() {
        try {
            Handed handed;
            while ((handed = queue.poll(100, TimeUnit.MILLISECONDS)) == null) {
                checkNotAbandoned();
            }
            return handed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackException("interrupted while waiting for findings for the requirement sheets", e);
        }
    }

    private void checkNotAbandoned() {
        if (abandoned) {
            throw new PackException("the pack was abandoned while its findings were handed between its writers");
        }
    }
}
