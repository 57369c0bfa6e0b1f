package kr.compliance.ingest;

import kr.compliance.store.KeyPartition;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Closes a file's load when its kind's step ends, with the counts of all its partitions. Each
 * partition's counts are those of its last execution, in this run or, for a partition that had
 * completed before a restart, in an earlier one: together they count every row of the file once.
 */
final class LoadFinish implements StepExecutionListener {

    private final RecordKind kind;
    private final LoadLog loadLog;
    private final PreparedDrops drops;
    private final JobRepository jobRepository;

    LoadFinish(RecordKind kind, LoadLog loadLog, PreparedDrops drops, JobRepository jobRepository) {
        this.kind = kind;
        this.loadLog = loadLog;
        this.drops = drops;
        this.jobRepository = jobRepository;
    }

    @Override
    public ExitStatus afterStep(StepExecution kindStep) {
        String fingerprint = kindStep.getJobParameters().getString(IngestJobConfiguration.FINGERPRINT);
        if (drops.file(fingerprint, kind).isEmpty()) {
            return kindStep.getExitStatus();
        }
        JobInstance instance = kindStep.getJobExecution().getJobInstance();
        LoadCounts counts = LoadCounts.NONE;
        StepExecution partition;
        for (int index = 0;
                (partition = jobRepository.getLastStepExecution(instance, partitionStepName(kind, index))) != null;
                index++) {
            counts = counts.plus(LoadCounts.from(partition.getExecutionContext()));
        }
        long loadId = kindStep.getJobExecution().getExecutionContext().getLong(OpenLoads.key(kind));
        loadLog.finish(loadId, kindStep.getStatus().isUnsuccessful() ? "FAILED" : "COMPLETED", counts);
        return kindStep.getExitStatus();
    }

    /** The name Spring Batch gives the execution of one partition of a kind's step. */
    static String partitionStepName(RecordKind kind, int index) {
        return KeyPartition.executionName(KindStep.stepName(kind), index);
    }
}
