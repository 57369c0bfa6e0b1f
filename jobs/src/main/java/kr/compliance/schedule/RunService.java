package kr.compliance.schedule;

import static kr.compliance.store.jooq.Tables.REQUESTED_RUN;
import static kr.compliance.store.jooq.Tables.SCORING_RUN;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import kr.compliance.store.AdvisoryLock;
import kr.compliance.store.GeneratedKeys;
import kr.compliance.store.Period;
import kr.compliance.store.Zones;
import org.jooq.DSLContext;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.ListableStepLocator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Scoring runs requested through the API: the scoring of a period and then its pack, on a task
 * executor. A run id is a row of {@code requested_run}. One period has one run at a time in the
 * whole cluster (the period's database lock, taken before the request is accepted): a second
 * request is refused with {@link RunAlreadyActiveException}, never run beside the first.
 */
@Service
public class RunService {

    static final String RUNNING = "RUNNING";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";

    /** A run as the API shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunStatus(
            long runId,
            String period,
            String status,
            String requestedBy,
            Instant requestedAt,
            Instant finishedAt,
            Long scoringRunId,
            Progress progress,
            List<JobProgress> jobs,
            String error) {}

    /** Steps done of the steps the run will take, and the items read and written so far. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Progress(int stepsDone, int stepsTotal, long readCount, long writeCount, long skipCount) {}

    /** One Batch job of the run and its steps. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record JobProgress(String job, long executionId, String status, List<StepProgress> steps) {}

    /** One step of a job, with the Batch repository's counts. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StepProgress(String step, String status, long readCount, long writeCount, long skipCount) {}

    private final DSLContext dsl;
    private final BatchJobRunner runner;
    private final JobRepository jobRepository;
    private final BatchJobLookup jobs;
    private final TaskExecutor executor;
    private final ScheduleProperties properties;
    private final Zones zones;
    private final NewFailureAlerts alerts;

    RunService(
            DSLContext dsl,
            BatchJobRunner runner,
            JobRepository jobRepository,
            BatchJobLookup jobs,
            @Qualifier(ScheduleConfiguration.RUN_EXECUTOR) TaskExecutor executor,
            ScheduleProperties properties,
            Zones zones,
            NewFailureAlerts alerts) {
        this.dsl = dsl;
        this.runner = runner;
        this.jobRepository = jobRepository;
        this.jobs = jobs;
        this.executor = executor;
        this.properties = properties;
        this.zones = zones;
        this.alerts = alerts;
    }

    /**
     * Starts scoring {@code period} and then packing it, in the background.
     *
     * @return the run id for {@link #status}
     * @throws IllegalArgumentException when the period is not written like {@code 2026Q3}
     * @throws RunAlreadyActiveException when a run of the period is in progress anywhere
     */
    public long start(String periodText, String requestedBy) {
        String period = Period.parse(periodText, zones.report()).toString();
        AdvisoryLock lock = runner.lockPeriod(period, Duration.ZERO);
        Instant requestedAt = Instant.now();
        long runId;
        try {
            runId = GeneratedKeys.insert(
                    dsl,
                    tx -> tx.insertInto(REQUESTED_RUN)
                            .set(REQUESTED_RUN.PERIOD, period)
                            .set(REQUESTED_RUN.REQUESTED_BY, requestedBy)
                            .set(REQUESTED_RUN.REQUESTED_AT, requestedAt)
                            .set(REQUESTED_RUN.STATUS, RUNNING));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            executor.execute(() -> run(runId, period, requestedAt, lock));
        } catch (RejectedExecutionException e) {
            lock.close();
            finish(runId, FAILED, "the server is shutting down or overloaded; request the run again");
            throw new ScheduleException("the run of " + period + " could not be started: " + e.getMessage(), e);
        }
        return runId;
    }

    private void run(long runId, String period, Instant requestedAt, AdvisoryLock lock) {
        try (lock) {
            JobExecution score = runner.run(BatchJobs.score(period, requestedAt));
            dsl.update(REQUESTED_RUN)
                    .set(REQUESTED_RUN.SCORE_EXECUTION_ID, score.getId())
                    .where(REQUESTED_RUN.RUN_ID.eq(runId))
                    .execute();
            alerts.afterScoring(score.getId());
            JobExecution pack =
                    runner.run(BatchJobs.pack(period, properties.packLang(), properties.packDir(), requestedAt));
            dsl.update(REQUESTED_RUN)
                    .set(REQUESTED_RUN.PACK_EXECUTION_ID, pack.getId())
                    .where(REQUESTED_RUN.RUN_ID.eq(runId))
                    .execute();
            finish(runId, COMPLETED, null);
        } catch (RuntimeException e) {
            // the run's row carries the failure to GET /api/runs/{run_id}; nothing else waits on it
            finish(runId, FAILED, Messages.of(e));
        }
    }

    private void finish(long runId, String status, String error) {
        dsl.update(REQUESTED_RUN)
                .set(REQUESTED_RUN.STATUS, status)
                .set(REQUESTED_RUN.FINISHED_AT, Instant.now())
                .set(REQUESTED_RUN.ERROR_MESSAGE, Messages.clip(error))
                .where(REQUESTED_RUN.RUN_ID.eq(runId))
                .execute();
    }

    /**
     * A run's status and progress, read from its row and the Batch repository.
     *
     * @throws UnknownRunException when there is no such run
     */
    public RunStatus status(String runIdText) {
        long runId = parseRunId(runIdText);
        var row = dsl.selectFrom(REQUESTED_RUN)
                .where(REQUESTED_RUN.RUN_ID.eq(runId))
                .fetchOptional()
                .orElseThrow(() -> new UnknownRunException(runIdText));
        List<JobProgress> jobs = new ArrayList<>();
        JobExecution score =
                execution(row.getScoreExecutionId(), BatchJobs.SCORE, row.getPeriod(), row.getRequestedAt());
        JobExecution pack = execution(row.getPackExecutionId(), BatchJobs.PACK, row.getPeriod(), row.getRequestedAt());
        int stepsTotal = stepCount(BatchJobs.SCORE, score) + stepCount(BatchJobs.PACK, pack);
        int stepsDone = 0;
        long read = 0;
        long written = 0;
        long skipped = 0;
        for (JobExecution execution : java.util.Arrays.asList(score, pack)) {
            if (execution == null) {
                continue;
            }
            List<StepProgress> steps = new ArrayList<>();
            for (StepExecution step : execution.getStepExecutions()) {
                steps.add(new StepProgress(
                        step.getStepName(),
                        step.getStatus().name(),
                        step.getReadCount(),
                        step.getWriteCount(),
                        step.getSkipCount()));
                stepsDone += step.getStatus() == BatchStatus.COMPLETED ? 1 : 0;
                read += step.getReadCount();
                written += step.getWriteCount();
                skipped += step.getSkipCount();
            }
            jobs.add(new JobProgress(
                    execution.getJobInstance().getJobName(),
                    execution.getId(),
                    execution.getStatus().name(),
                    steps));
        }
        Long scoringRunId = score == null
                ? null
                : dsl.select(SCORING_RUN.RUN_ID)
                        .from(SCORING_RUN)
                        .where(SCORING_RUN.JOB_EXECUTION_ID.eq(score.getId()))
                        .fetchOptional(SCORING_RUN.RUN_ID)
                        .orElse(null);
        return new RunStatus(
                runId,
                row.getPeriod(),
                row.getStatus(),
                row.getRequestedBy(),
                row.getRequestedAt(),
                row.getFinishedAt(),
                scoringRunId,
                new Progress(stepsDone, Math.max(stepsTotal, stepsDone), read, written, skipped),
                jobs,
                row.getErrorMessage());
    }

    /**
     * The execution of one job of the run: by its recorded id once it finished, else the one still
     * running with the run's parameters (so progress shows while it works).
     */
    private JobExecution execution(Long recordedId, String jobName, String period, Instant requestedAt) {
        if (recordedId != null) {
            return jobRepository.getJobExecution(recordedId);
        }
        BatchLaunch launch = jobName.equals(BatchJobs.SCORE)
                ? BatchJobs.score(period, requestedAt)
                : BatchJobs.pack(period, properties.packLang(), properties.packDir(), requestedAt);
        return jobRepository.getLastJobExecution(jobName, launch.parameters());
    }

    private int stepCount(String jobName, JobExecution execution) {
        Optional<Job> job = jobs.find(jobName);
        if (job.isPresent() && job.get() instanceof ListableStepLocator steps) {
            return steps.getStepNames().size();
        }
        return execution == null ? 1 : Math.max(1, execution.getStepExecutions().size());
    }

    private static long parseRunId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UnknownRunException(text);
        }
    }
}
