package kr.compliance.pack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import kr.compliance.results.Finding;

/**
 * Hands the findings, read once from the database for {@code findings.csv}, to the thread that
 * writes the workbook's requirement sheets, in batches through a bounded queue (so neither side
 * holds a quarter in memory). Either side that stops early releases the other.
 */
final class FindingHandOff implements Consumer<Finding> {

    private static final int BATCH = 2048;
    private static final List<Finding> END = List.of();

    private final BlockingQueue<List<Finding>> queue = new ArrayBlockingQueue<>(16);
    private volatile boolean abandoned;
    private List<Finding> batch = new ArrayList<>(BATCH);

    /** Producer side: one finding, in {@code control_id, subject_id} order. */
    @Override
    public void accept(Finding finding) {
        batch.add(finding);
        if (batch.size() == BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Producer side: no more findings (called also when reading failed, to release the consumer). */
    void finish() {
        if (!batch.isEmpty()) {
            put(batch);
        }
        put(END);
    }

    /** Consumer side: every finding until the producer finishes. */
    void forEach(Consumer<Finding> action) {
        try {
            for (List<Finding> next = queue.take(); next != END; next = queue.take()) {
                next.forEach(action);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackException("interrupted while writing the findings sheets", e);
        } catch (RuntimeException e) {
            abandon();
            throw e;
        }
    }

    /** Consumer side: stopped early; the producer's next hand-off fails instead of waiting. */
    void abandon() {
        abandoned = true;
        queue.clear();
    }

    private void put(List<Finding> findings) {
        try {
            while (!queue.offer(findings, 100, TimeUnit.MILLISECONDS)) {
                if (abandoned) {
                    throw new PackException("the workbook writer stopped; the pack was not made");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackException("interrupted while reading the findings", e);
        }
    }
}
