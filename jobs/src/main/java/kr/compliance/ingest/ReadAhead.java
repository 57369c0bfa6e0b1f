package kr.compliance.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads and parses the rows of a file on a thread of its own, up to two batches ahead of the step,
 * so that while the database stores one chunk the next one is already being read and checked, on
 * the other core.
 *
 * <p>Rows cross between the threads a batch at a time: handed over one by one, the two threads
 * woke each other for every row once the queue was full.
 *
 * <p>The restart position saved with each chunk is the number of rows handed to the step, never
 * the number read ahead: a crash loses at most the rows read ahead, and they are read again.
 */
final class ReadAhead implements ItemStreamReader<ParsedRow> {

    /** Parsed rows in file order; the last batch of a file is {@code last}, and {@code failure} ends it early. */
    private record Batch(List<ParsedRow> rows, boolean last, RuntimeException failure) {}

    private final CsvRowReader source;
    private final RowParser parser;
    private final int batchSize;
    /** One batch waiting while the next is parsed. */
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(1);

    private Thread thread;
    private long handedOut;
    private Batch current = new Batch(List.of(), false, null);
    private int next;

    ReadAhead(CsvRowReader source, RowParser parser, int batchSize) {
        this.source = source;
        this.parser = parser;
        this.batchSize = batchSize;
    }

    @Override
    public void open(ExecutionContext context) {
        source.open(context);
        handedOut = source.position();
        thread =
                Thread.ofPlatform().name(source.name() + "-read-ahead").daemon().start(this::readAll);
    }

    private void readAll() {
        try {
            List<ParsedRow> rows = new ArrayList<>(batchSize);
            try {
                SourceRow row;
                while ((row = source.read()) != null) {
                    rows.add(parser.process(row));
                    if (rows.size() == batchSize) {
                        queue.put(new Batch(rows, false, null));
                        rows = new ArrayList<>(batchSize);
                    }
                }
            } catch (RuntimeException failure) {
                queue.put(new Batch(rows, true, failure));
                return;
            }
            queue.put(new Batch(rows, true, null));
        } catch (InterruptedException closed) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ParsedRow read() {
        while (next == current.rows().size()) {
            if (current.last()) {
                if (current.failure() != null) {
                    throw current.failure();
                }
                return null;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ItemStreamException("interrupted while reading " + source.name(), e);
            }
            next = 0;
        }
        handedOut++;
        return current.rows().get(next++);
    }

    @Override
    public void update(ExecutionContext context) {
        source.savePosition(context, handedOut);
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        source.close();
    }
}
