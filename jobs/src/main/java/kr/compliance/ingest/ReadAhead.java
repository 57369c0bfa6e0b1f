package kr.compliance.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import kr.compliance.store.KeyPartition;
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
 * <p>A partitioned step reads the whole file and keeps the rows of its own keys ({@link
 * KeyPartition}); the others are passed over unparsed.
 *
 * <p>The restart position saved with each chunk is the file's records up to the last row handed to
 * the step, never the number read ahead: a crash loses at most the rows read ahead, and they are
 * read again (another partition's rows among them are passed over again).
 */
final class ReadAhead implements ItemStreamReader<ParsedRow> {

    /**
     * Parsed rows in file order, each with the file's records read up to and including it; the last
     * batch of a file is {@code last}, and {@code failure} ends it early.
     */
    private record Batch(List<ParsedRow> rows, long[] positions, boolean last, RuntimeException failure) {}

    private final CsvRowReader source;
    private final RowParser parser;
    private final KeyPartition partition;
    private final int batchSize;
    /** One batch waiting while the next is parsed. */
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(1);

    private Thread thread;
    /** The file's records up to the last row handed to the step. */
    private long position;

    private Batch current = new Batch(List.of(), new long[0], false, null);
    private int next;

    ReadAhead(CsvRowReader source, RowParser parser, KeyPartition partition, int batchSize) {
        this.source = source;
        this.parser = parser;
        this.partition = partition;
        this.batchSize = batchSize;
    }

    @Override
    public void open(ExecutionContext context) {
        source.open(context);
        position = source.position();
        thread =
                Thread.ofPlatform().name(source.name() + "-read-ahead").daemon().start(this::readAll);
    }

    private void readAll() {
        try {
            List<ParsedRow> rows = new ArrayList<>(batchSize);
            long[] positions = new long[batchSize];
            try {
                SourceRow row;
                while ((row = source.read()) != null) {
                    if (!partition.owns(parser.rawId(row))) {
                        continue;
                    }
                    positions[rows.size()] = source.position();
                    rows.add(parser.process(row));
                    if (rows.size() == batchSize) {
                        queue.put(new Batch(rows, positions, false, null));
                        rows = new ArrayList<>(batchSize);
                        positions = new long[batchSize];
                    }
                }
            } catch (RuntimeException failure) {
                queue.put(new Batch(rows, positions, true, failure));
                return;
            }
            queue.put(new Batch(rows, positions, true, null));
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
        position = current.positions()[next];
        return current.rows().get(next++);
    }

    @Override
    public void update(ExecutionContext context) {
        source.savePosition(context, position);
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
