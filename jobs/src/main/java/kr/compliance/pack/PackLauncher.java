package kr.compliance.pack;

import java.nio.file.Path;
import java.time.Duration;
import kr.compliance.results.Run;
import kr.compliance.results.ScoringResults;
import kr.compliance.store.JobEntry;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Makes a pack the one way there is: by starting the {@code packJob} with a {@link PackRequest},
 * so every pack, from the command line, the API or the scheduler, leaves a Batch record.
 */
@Component
public class PackLauncher implements JobEntry {

    private final JobOperator jobOperator;
    private final Job packJob;
    private final ScoringResults results;

    PackLauncher(JobOperator jobOperator, @Qualifier(PackRequest.JOB) Job packJob, ScoringResults results) {
        this.jobOperator = jobOperator;
        this.packJob = packJob;
        this.results = results;
    }

    /** What the job made: the zip, the run it shows, the zip's size and SHA-256, its manifest's SHA-256. */
    public record Made(
            long jobExecutionId, Path file, Run run, long size, String sha256, String manifestSha256, long rows) {}

    @Override
    public String jobName() {
        return packJob.getName();
    }

    /**
     * Makes the pack of the {@link PackRequest} in {@code request}: the scheduler's way in. A pack
     * takes no evidence lock (it reads one finished run); the scheduler holds the period's.
     */
    @Override
    public long run(JobParameters request, Duration lockWait) {
        return make(PackRequest.of(request)).jobExecutionId();
    }

    /** Runs the {@code packJob} to its end; a pack that could not be made is a {@link PackException}. */
    public Made make(PackRequest request) {
        JobExecution execution;
        try {
            execution = jobOperator.start(packJob, request.toJobParameters());
        } catch (Exception e) {
            throw new PackException("the pack of " + request.period() + " could not start: " + e.getMessage());
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            RuntimeException failure = execution.getAllFailureExceptions().stream()
                    .findFirst()
                    .map(e -> e instanceof RuntimeException runtime ? runtime : new PackException(e.getMessage()))
                    .orElseGet(() ->
                            new PackException("the pack of " + request.period() + " ended " + execution.getStatus()
                                    + ": " + execution.getExitStatus().getExitDescription()));
            throw failure;
        }
        ExecutionContext made = execution.getStepExecutions().iterator().next().getExecutionContext();
        return new Made(
                execution.getId(),
                Path.of(made.getString(PackJobConfiguration.PACK_FILE)),
                results.run(made.getLong(PackJobConfiguration.RUN_ID)).orElseThrow(),
                made.getLong(PackJobConfiguration.PACK_SIZE),
                made.getString(PackJobConfiguration.PACK_SHA256),
                made.getString(PackJobConfiguration.MANIFEST_SHA256),
                made.getLong(PackJobConfiguration.ROWS));
    }
}
