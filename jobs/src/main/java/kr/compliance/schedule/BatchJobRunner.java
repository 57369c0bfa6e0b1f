package kr.compliance.schedule;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import kr.compliance.sources.SourcePulls;
import kr.compliance.store.AdvisoryLock;
import kr.compliance.store.JobEntry;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts Batch jobs by name and waits for them, each through its entry ({@link JobEntry}), the way
 * the command line and the API start them too; a run that does not complete is an exception
 * carrying the job's own failure, never a status to be forgotten. An ingest of a source system
 * pulls it first.
 */
@Component
class BatchJobRunner {

    /** How long a scheduled ingest or scoring waits for one started elsewhere (a CLI run, say). */
    private static final Duration EVIDENCE_LOCK_WAIT = Duration.ofMinutes(30);

    private final Map<String, JobEntry> entries = new HashMap<>();
    private final JobRegistry jobs;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final DataSource dataSource;
    private final SourcePulls sources;

    BatchJobRunner(
            List<JobEntry> entries,
            JobRegistry jobs,
            JobOperator jobOperator,
            JobRepository jobRepository,
            DataSource dataSource,
            SourcePulls sources) {
        entries.forEach(entry -> this.entries.put(entry.jobName(), entry));
        this.jobs = jobs;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.sources = sources;
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

    /**
     * Runs one launch to its end (the caller holds whatever lock it needs): through the job's entry,
     * or, for a job with none (one a deployment adds and schedules by name), started as it is.
     */
    JobExecution run(BatchLaunch launch) {
        JobEntry entry = entries.get(launch.jobName());
        try {
            if (launch.sourceSystem().isPresent()) {
                return jobRepository.getJobExecution(
                        sources.pull(launch.sourceSystem().get(), EVIDENCE_LOCK_WAIT)
                                .ingest()
                                .jobExecutionId());
            }
            return entry == null
                    ? start(launch)
                    : jobRepository.getJobExecution(entry.run(launch.parameters(), EVIDENCE_LOCK_WAIT));
        } catch (ScheduleException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ScheduleException(launch.jobName() + " failed: " + e.getMessage(), e);
        }
    }

    private JobExecution start(BatchLaunch launch) {
        Job job = jobs.getJob(launch.jobName());
        if (job == null) {
            throw new ScheduleException("no Batch job named '" + launch.jobName() + "' is defined; known: "
                    + new TreeSet<>(jobs.getJobNames()));
        }
        JobExecution execution;
        try {
            execution = jobOperator.start(job, launch.parameters());
        } catch (JobExecutionException e) {
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
