package kr.compliance.ingest;

import java.util.ArrayList;
import java.util.List;
import kr.compliance.store.KeyPartition;
import org.jooq.DSLContext;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The parts of one partition of a kind's step ({@code changesStep:partition0}, ...), made for one
 * step execution. Before it runs it finds its file among the drop's checked files and the load the
 * job opened for it; then the rows of its keys flow reader → parser (a thread ahead, {@link
 * ReadAhead}) → merger, and the partition's counts travel with every chunk's commit. A drop without
 * this kind's file makes the step a no-op. Once the kind's step has ended, the partitions' counts
 * are summed into the load log ({@link LoadFinish}).
 */
final class KindStep implements StepExecutionListener, ItemStreamReader<ParsedRow>, ItemWriter<ParsedRow> {

    private final RecordKind kind;
    private final DSLContext dsl;
    private final LoadLog loadLog;
    private final PreparedDrops drops;
    /** Rows the reader hands over at a time, read and checked ahead of the step. */
    private final int batchSize;

    private StepExecution execution;
    private SourceFile file;
    private ReadAhead reader;
    private RecordMerger merger;
    private long loadId;

    KindStep(RecordKind kind, DSLContext dsl, LoadLog loadLog, PreparedDrops drops, int batchSize) {
        this.kind = kind;
        this.dsl = dsl;
        this.loadLog = loadLog;
        this.drops = drops;
        this.batchSize = batchSize;
    }

    static String stepName(RecordKind kind) {
        String camel = java.util.Arrays.stream(kind.name().toLowerCase().split("_"))
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .reduce("", String::concat);
        return Character.toLowerCase(camel.charAt(0)) + camel.substring(1) + "Step";
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        execution = stepExecution;
        file = drops.file(stepExecution.getJobParameters().getString(IngestJobConfiguration.FINGERPRINT), kind)
                .orElse(null);
        if (file == null) {
            return;
        }
        loadId = stepExecution.getJobExecution().getExecutionContext().getLong(OpenLoads.key(kind));
        KeyPartition partition = KeyPartition.of(stepExecution.getExecutionContext());
        reader = new ReadAhead(
                new CsvRowReader(stepExecution.getStepName(), file.path(), file.charset()),
                new RowParser(file.header(), file.sourceZone()),
                partition,
                batchSize);
        merger = new RecordMerger(kind, partition, dsl);
    }

    @Override
    public void open(ExecutionContext context) {
        if (reader != null) {
            reader.open(context);
        }
    }

    @Override
    public void update(ExecutionContext context) {
        if (reader != null) {
            reader.update(context);
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        reader = null;
    }

    @Override
    public ParsedRow read() {
        return reader == null ? null : reader.read();
    }

    @Override
    public void write(Chunk<? extends ParsedRow> chunk) {
        List<ParsedRow.Accepted> accepted = new ArrayList<>(chunk.size());
        List<ParsedRow.Rejected> rejected = new ArrayList<>();
        for (ParsedRow row : chunk) {
            switch (row) {
                case ParsedRow.Accepted record -> accepted.add(record);
                case ParsedRow.Rejected rejection -> rejected.add(rejection);
            }
        }
        loadLog.reject(loadId, kind.fileName(), rejected);
        RecordMerger.Merged merged = merger.merge(accepted, loadId);
        ExecutionContext context = execution.getExecutionContext();
        LoadCounts.from(context)
                .plus(new LoadCounts(
                        chunk.size(), merged.inserted(), merged.unchanged(), merged.revised(), rejected.size()))
                .into(context);
    }
}
