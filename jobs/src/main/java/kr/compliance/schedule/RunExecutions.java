package kr.compliance.schedule;

import java.time.Instant;
import java.util.Optional;
import kr.compliance.store.DeadExecutions;
import kr.compliance.store.Quarter;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * The Batch executions of a requested run ({@code scoreJob}, then {@code packJob}), found by the
 * run's period and request time, and how they are stopped or ended when the run's process stops.
 */
@Component
class RunExecutions {

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final ScheduleProperties properties;

    RunExecutions(JobRepository jobRepository, JobOperator jobOperator, ScheduleProperties properties) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.properties = properties;
    }

    /**
     * The run's execution of {@code jobName}: by its recorded id, else the one still marked running
     * with the run's period and time, else the last one with the run's parameters; null if none.
     */
    JobExecution find(String jobName, Long recordedId, String period, Instant requestedAt) {
        if (recordedId != null) {
            return jobRepository.getJobExecution(recordedId);
        }
        return running(jobName, period, requestedAt)
                .orElseGet(() -> jobRepository.getLastJobExecution(
                        jobName, launch(jobName, period, requestedAt).parameters()));
    }

    /**
     * The run's execution of {@code jobName} still marked running. Matched on the period and the
     * request time only: scoring adds parameters of its own (evidence load, policy hash).
     */
    Optional<JobExecution> running(String jobName, String period, Instant requestedAt) {
        String stampName = jobName.equals(BatchJobs.SCORE) ? BatchJobs.AS_OF : BatchJobs.REQUESTED_AT;
        String stamp = requestedAt.toString();
        return jobRepository.findRunningJobExecutions(jobName).stream()
                .filter(execution -> period.equals(execution.getJobParameters().getString(BatchJobs.PERIOD))
                        && stamp.equals(execution.getJobParameters().getString(stampName)))
                .findFirst();
    }

    /**
     * Asks a running execution to stop: marked {@code STOPPING} in the repository, which the running
     * step reads at its next update and ends {@code STOPPED} at its boundary. Not
     * {@link JobOperator#stop}: in Batch 6.0 it also updates the running step's execution, whose own
     * next update then fails on its version (spring-batch#5120, #5484): an error and a stack trace
     * in the log of every shutdown.
     */
    void stop(JobExecution execution) {
        execution.setStatus(BatchStatus.STOPPING);
        jobRepository.update(execution);
    }

    /**
     * Ends an execution no process will finish as {@code FAILED}, with {@code reason} as its exit
     * description, through Spring Batch's own recovery ({@link JobOperator#recover}), so the job
     * instance can be started again.
     */
    JobExecution recover(JobExecution execution, String reason) {
        return DeadExecutions.end(jobOperator, execution, reason);
    }

    private BatchLaunch launch(String jobName, String period, Instant requestedAt) {
        return jobName.equals(BatchJobs.SCORE)
                ? BatchJobs.score(Quarter.parse(period), requestedAt)
                : BatchJobs.pack(Quarter.parse(period), null, properties.packLang(), properties.packDir(), requestedAt);
    }
}
