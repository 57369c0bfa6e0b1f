package kr.compliance.ingest;

import kr.compliance.store.KeyPartition;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Closes a file's load with the counts of all its partitions. Each partition's counts are those
 * of its last execution, in this run or, for a partition that had completed before a restart, in
 * an earlier one: together they count every row of the file once.
 *
 * <p>A load is completed by a step of its own, run after its kind's step ({@link #stepName}), not
 * by a listener on that step: Spring Batch records a step as completed before it calls the step's
 * listeners, so a crash between the two left the kind's step done, never to run again, and its load
 * never completed, and scores leave out a load that is not completed. A step is run again until
 * it has completed; completing a load twice writes the same counts.
 *
 * <p>As a listener on the kind's step it marks the load {@code FAILED} when that step fails, with
 * the rows committed so far. That is only for whoever reads {@code ingest_load}: a load not
 * completed is left out of scores whether it is marked or not.
 */
final class LoadFinish implements Tasklet, StepExecutionListener {

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

    /** The name of the step that completes the load of {@code kind}'s file. */
    static String stepName(RecordKind kind) {
        return KindStep.stepName(kind).replaceFirst("Step$", "LoadFinishStep");
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        close(contribution.getStepExecution().getJobExecution(), "COMPLETED");
        return RepeatStatus.FINISHED;
    }

    @Override
    public ExitStatus afterStep(StepExecution kindStep) {
        if (kindStep.getStatus().isUnsuccessful()) {
            close(kindStep.getJobExecution(), "FAILED");
        }
        return kindStep.getExitStatus();
    }

    private void close(JobExecution job, String status) {
        if (drops.file(job.getJobParameters().getString(IngestJobConfiguration.FINGERPRINT), kind)
                .isEmpty()) {
            return;
        }
        LoadCounts counts = LoadCounts.NONE;
        StepExecution partition;
        for (int index = 0;
                (partition = jobRepository.getLastStepExecution(job.getJobInstance(), partitionStepName(kind, index)))
                        != null;
                index++) {
            counts = counts.plus(LoadCounts.from(partition.getExecutionContext()));
        }
        loadLog.finish(job.getExecutionContext().getLong(OpenLoads.key(kind)), status, counts);
    }

    /** The name Spring Batch gives the execution of one partition of a kind's step. */
    static String partitionStepName(RecordKind kind, int index) {
        return KeyPartition.executionName(KindStep.stepName(kind), index);
    }
}
