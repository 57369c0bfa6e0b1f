package kr.compliance.schedule;

import static kr.compliance.store.jooq.Tables.REQUESTED_RUN;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import kr.compliance.pack.PackRequest;
import kr.compliance.results.Run;
import kr.compliance.results.ScoringResults;
import kr.compliance.store.AdvisoryLock;
import kr.compliance.store.GeneratedKeys;
import kr.compliance.store.KeyPartition;
import kr.compliance.store.Quarter;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.ListableStepLocator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Scoring runs requested through the API: the scoring of a period and then its pack, on a task
 * executor. A run id is a row of {@code requested_run}. One period has one run at a time in the
 * whole cluster (the period's database lock, taken before the request is accepted): a second
 * request is refused with {@link RunAlreadyActiveException}, never run beside the first.
 *
 * <p>When the application context closes ({@code serve} given SIGTERM), runs in progress are asked
 * to stop and are ended {@code FAILED} with {@link #SHUT_DOWN}, never left {@code RUNNING}; runs a
 * process left behind when it died are ended by {@link OrphanedRuns}.
 */
@Service
public class RunService implements SmartLifecycle {

    static final String RUNNING = "RUNNING";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";

    /** The error of a run that was in progress when its server was shut down. */
    static final String SHUT_DOWN = "stopped: serve was shut down";

    /**
     * How long a shutdown waits for the runs in progress to stop at a step boundary before it ends
     * them itself; well inside systemd's 90 s between SIGTERM and SIGKILL.
     */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

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

    /** A run this process is running. */
    private record InFlight(long runId, String period, Instant requestedAt) {}

    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    private final DSLContext dsl;
    private final BatchJobRunner runner;
    private final RunExecutions executions;
    private final OrphanedRuns orphans;
    private final JobRegistry jobs;
    private final TaskExecutor executor;
    private final ScheduleProperties properties;
    private final NewFailureAlerts alerts;
    private final ScoringResults results;
    private final RunOwner owner = RunOwner.current();
    private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    private volatile boolean accepting;

    RunService(
            DSLContext dsl,
            BatchJobRunner runner,
            RunExecutions executions,
            OrphanedRuns orphans,
            JobRegistry jobs,
            @Qualifier(ScheduleConfiguration.RUN_EXECUTOR) TaskExecutor executor,
            ScheduleProperties properties,
            NewFailureAlerts alerts,
            ScoringResults results) {
        this.dsl = dsl;
        this.runner = runner;
        this.executions = executions;
        this.orphans = orphans;
        this.jobs = jobs;
        this.executor = executor;
        this.properties = properties;
        this.alerts = alerts;
        this.results = results;
    }

    /**
     * Starts scoring {@code period} and then packing it, in the background.
     *
     * @return the run id for {@link #status}
     * @throws RunAlreadyActiveException when a run of the period is in progress anywhere
     */
    public long start(Quarter quarter, String requestedBy) {
        String period = quarter.toString();
        if (!accepting) {
            throw new ScheduleException("the server is shutting down; request the run of " + period + " again");
        }
        AdvisoryLock lock = runner.lockPeriod(period, Duration.ZERO);
        // as stored (DATETIME(6)), so the run's Batch executions are found by it again
        Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long runId;
        try {
            // holding the period's lock: a run of it still marked RUNNING was left by a stopped process
            orphans.failOf(period);
            runId = GeneratedKeys.insert(
                    dsl,
                    tx -> tx.insertInto(REQUESTED_RUN)
                            .set(REQUESTED_RUN.PERIOD, period)
                            .set(REQUESTED_RUN.REQUESTED_BY, requestedBy)
                            .set(REQUESTED_RUN.REQUESTED_AT, requestedAt)
                            .set(REQUESTED_RUN.STATUS, RUNNING)
                            .set(REQUESTED_RUN.OWNER_HOST, owner.host())
                            .set(REQUESTED_RUN.OWNER_PID, owner.pid())
                            .set(REQUESTED_RUN.OWNER_STARTED_AT, owner.startedAt()));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            executor.execute(() -> run(runId, quarter, requestedAt, lock));
        } catch (RejectedExecutionException e) {
            lock.close();
            finish(runId, FAILED, "the server is shutting down or overloaded; request the run again");
            throw new ScheduleException("the run of " + period + " could not be started: " + e.getMessage(), e);
        }
        return runId;
    }

    private void run(long runId, Quarter period, Instant requestedAt, AdvisoryLock lock) {
        inFlight.put(runId, new InFlight(runId, period.toString(), requestedAt));
        // the run's row is finished before its lock is let go: a free lock means "nobody runs it"
        try (lock) {
            runJobs(runId, period, requestedAt);
        } finally {
            inFlight.remove(runId);
        }
    }

    private void runJobs(long runId, Quarter period, Instant requestedAt) {
        try {
            JobExecution score = runner.run(BatchJobs.score(period, requestedAt));
            dsl.update(REQUESTED_RUN)
                    .set(REQUESTED_RUN.SCORE_EXECUTION_ID, score.getId())
                    .where(REQUESTED_RUN.RUN_ID.eq(runId))
                    .execute();
            long scored = alerts.afterScoring(score.getId());
            // the pack of the run just made, whatever the period's submitted run is
            JobExecution pack = runner.run(
                    BatchJobs.pack(period, scored, properties.packLang(), properties.packDir(), requestedAt));
            dsl.update(REQUESTED_RUN)
                    .set(REQUESTED_RUN.PACK_EXECUTION_ID, pack.getId())
                    .where(REQUESTED_RUN.RUN_ID.eq(runId))
                    .execute();
            finish(runId, COMPLETED, null);
        } catch (RuntimeException e) {
            // the run's row carries the failure to GET /api/runs/{run_id}; nothing else waits on it
            finish(runId, FAILED, accepting ? Messages.of(e) : SHUT_DOWN);
        }
    }

    /** The first end written stands: a run a shutdown already ended stays as it said. */
    private void finish(long runId, String status, String error) {
        dsl.update(REQUESTED_RUN)
                .set(REQUESTED_RUN.STATUS, status)
                .set(REQUESTED_RUN.FINISHED_AT, Instant.now())
                .set(REQUESTED_RUN.ERROR_MESSAGE, Messages.clip(error))
                .where(REQUESTED_RUN.RUN_ID.eq(runId))
                .and(REQUESTED_RUN.STATUS.eq(RUNNING))
                .execute();
    }

    @Override
    public void start() {
        accepting = true;
    }

    @Override
    public boolean isRunning() {
        return accepting;
    }

    /**
     * The context is closing: new requests are refused, the runs in progress are asked to stop (at
     * their next step boundary) and given {@link #SHUTDOWN_WAIT} to end as {@link #SHUT_DOWN}; a
     * run still busy then (a long step) is ended here, with its Batch executions, before the
     * database connections close. Its thread ends with the JVM.
     */
    @Override
    public void stop() {
        accepting = false;
        List<InFlight> running = List.copyOf(inFlight.values());
        if (!running.isEmpty()) {
            log.info("shutting down: asking {} requested run(s) to stop", running.size());
        }
        for (InFlight run : running) {
            for (String job : List.of(BatchJobs.SCORE, PackRequest.JOB)) {
                executions.running(job, run.period(), run.requestedAt()).ifPresent(executions::stop);
            }
        }
        Instant deadline = Instant.now().plus(SHUTDOWN_WAIT);
        while (!inFlight.isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (InFlight run : inFlight.values()) {
            log.warn(
                    "run {} did not stop within {}; ended as shut down while its step still works",
                    run.runId(),
                    SHUTDOWN_WAIT);
            dsl.selectFrom(REQUESTED_RUN)
                    .where(REQUESTED_RUN.RUN_ID.eq(run.runId()))
                    .fetchOptional()
                    .ifPresent(row -> orphans.end(row, SHUT_DOWN));
        }
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
                executions.find(BatchJobs.SCORE, row.getScoreExecutionId(), row.getPeriod(), row.getRequestedAt());
        JobExecution pack =
                executions.find(PackRequest.JOB, row.getPackExecutionId(), row.getPeriod(), row.getRequestedAt());
        int stepsTotal = stepCount(BatchJobs.SCORE, score) + stepCount(PackRequest.JOB, pack);
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
                if (KeyPartition.isPartitionExecution(step.getStepName())) {
                    continue; // a partition's execution: its step already adds up its counts
                }
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
                : results.runOfExecution(score.getId()).map(Run::runId).orElse(null);
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

    private int stepCount(String jobName, JobExecution execution) {
        if (jobs.getJob(jobName) instanceof ListableStepLocator steps) {
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
