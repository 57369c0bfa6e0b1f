package kr.compliance.schedule;

import java.time.Duration;
import javax.sql.DataSource;
import kr.compliance.store.AdvisoryLock;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;

/**
 * Starts Batch jobs by name and waits for them; a run that does not complete is
 * an exception carrying the job's own failure, never a status to be forgotten.
 */
@Component
class BatchJobRunner {

    private final BatchJobLookup jobs;
    private final JobOperator jobOperator;
    private final DataSource dataSource;

    BatchJobRunner(BatchJobLookup jobs, JobOperator jobOperator, DataSource dataSource) {
        this.jobs = jobs;
        this.jobOperator = jobOperator;
        this.dataSource = dataSource;
    }

    /** The lock that keeps two runs of one period (scoring, packing) from overlapping, cluster-wide. */
    static String periodLockName(String period) {
        return "compliance-run-" + period;
    }

    /** Holds the period's lock, waiting at most {@code wait}; a busy lock is a {@link RunAlreadyActiveException}. */
    AdvisoryLock lockPeriod(String period, Duration wait) {
        try {
            return AdvisoryLock.acquire(dataSource, periodLockName(period), wait);
        } catch (AdvisoryLock.LockBusyException e) {
            throw new RunAlreadyActiveException(period, e);
        }
    }

    /** Runs one launch to its end, holding its period's lock if it has a period. */
    JobExecution runLocked(BatchLaunch launch, Duration lockWait) {
        if (launch.period().isEmpty()) {
            return run(launch);
        }
        try (AdvisoryLock ignored = lockPeriod(launch.period().get(), lockWait)) {
            return run(launch);
        }
    }

    /** Runs one launch to its end (the caller holds whatever lock it needs). */
    JobExecution run(BatchLaunch launch) {
        Job job = jobs.find(launch.jobName())
                .orElseThrow(() -> new ScheduleException(
                        "no Batch job named '" + launch.jobName() + "' is defined; known: " + jobs.names()));
        JobExecution execution;
        try {
            execution = jobOperator.start(job, launch.parameters());
        } catch (Exception e) {
            throw new ScheduleException(
                    launch.jobName() + " could not start with " + launch.parameters() + ": " + e.getMessage(), e);
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new ScheduleException(launch.jobName() + " (execution " + execution.getId() + ") ended "
                    + execution.getStatus() + ": " + failureOf(execution));
        }
        return execution;
    }

    private static String failureOf(JobExecution execution) {
        return execution.getAllFailureExceptions().stream()
                .map(failure -> failure.getMessage() != null
                        ? failure.getMessage()
                        : failure.getClass().getSimpleName())
                .findFirst()
                .orElse(execution.getExitStatus().getExitDescription());
    }
}
