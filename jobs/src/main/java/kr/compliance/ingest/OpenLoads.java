package kr.compliance.ingest;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The job's first step: opens the load of every file of the drop, in the order of kinds, before
 * the lanes start. Load ids are stored with every record and listed in the pack, so the same drop
 * must get the same ids whichever lane happens to start first. A restart keeps them: the job's
 * context carries them, and this step does not run again.
 */
final class OpenLoads implements Tasklet {

    private final LoadLog loadLog;
    private final PreparedDrops drops;

    OpenLoads(LoadLog loadLog, PreparedDrops drops) {
        this.loadLog = loadLog;
        this.drops = drops;
    }

    /** Where a kind's load id is kept in the job's context. */
    static String key(RecordKind kind) {
        return "loadId." + kind.name();
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = contribution.getStepExecution().getJobExecution();
        ExecutionContext context = job.getExecutionContext();
        String fingerprint = job.getJobParameters().getString(IngestJobConfiguration.FINGERPRINT);
        for (RecordKind kind : RecordKind.values()) {
            drops.file(fingerprint, kind)
                    .filter(file -> !context.containsKey(key(kind)))
                    .ifPresent(file -> context.putLong(key(kind), loadLog.begin(job.getId(), file)));
        }
        return RepeatStatus.FINISHED;
    }
}
