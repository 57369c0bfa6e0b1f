package kr.compliance.schedule;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import kr.compliance.ingest.DropEncoding;
import kr.compliance.ingest.IngestService;
import kr.compliance.ingest.IngestSummary;
import kr.compliance.scoring.ScoringService;
import kr.compliance.sources.SourcePulls;
import kr.compliance.store.AdvisoryLock;
import kr.compliance.store.Quarter;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts Batch jobs by name and waits for them; a run that does not complete is
 * an exception carrying the job's own failure, never a status to be forgotten. Ingest and scoring
 * go through their services, which add what a bare launch lacks: the drop's check and fingerprint,
 * the evidence lock, the scoring run and its policy; an ingest of a source system pulls it first.
 */
@Component
class BatchJobRunner {

    /** How long a scheduled ingest or scoring waits for one started elsewhere (a CLI run, say). */
    private static final Duration EVIDENCE_LOCK_WAIT = Duration.ofMinutes(30);

    private final BatchJobLookup jobs;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final DataSource dataSource;
    private final IngestService ingest;
    private final ScoringService scoring;
    private final SourcePulls sources;

    BatchJobRunner(
            BatchJobLookup jobs,
            JobOperator jobOperator,
            JobRepository jobRepository,
            DataSource dataSource,
            IngestService ingest,
            ScoringService scoring,
            SourcePulls sources) {
        this.jobs = jobs;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.ingest = ingest;
        this.scoring = scoring;
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

    /** Runs one launch to its end (the caller holds whatever lock it needs). */
    JobExecution run(BatchLaunch launch) {
        try {
            return switch (launch.jobName()) {
                case BatchJobs.INGEST ->
                    jobRepository.getJobExecution(ingest(launch).jobExecutionId());
                case BatchJobs.SCORE ->
                    jobRepository.getJobExecution(scoring.score(
                                    Quarter.parse(launch.parameters().getString(BatchJobs.PERIOD)),
                                    Instant.parse(launch.parameters().getString(BatchJobs.AS_OF)),
                                    EVIDENCE_LOCK_WAIT)
                            .jobExecutionId());
                default -> start(launch);
            };
        } catch (ScheduleException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ScheduleException(launch.jobName() + " failed: " + e.getMessage(), e);
        }
    }

    /** A drop folder is loaded as it is; a source system is pulled into a staged drop first. */
    private IngestSummary ingest(BatchLaunch launch) {
        if (launch.sourceSystem().isPresent()) {
            return sources.pull(launch.sourceSystem().get(), EVIDENCE_LOCK_WAIT).ingest();
        }
        return ingest.ingest(
                Path.of(launch.parameters().getString("source")),
                encoding(launch.parameters().getString("encoding")),
                EVIDENCE_LOCK_WAIT);
    }

    private static Charset encoding(String name) {
        return name == null || name.isBlank() ? null : DropEncoding.resolve(name);
    }

    private JobExecution start(BatchLaunch launch) {
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
