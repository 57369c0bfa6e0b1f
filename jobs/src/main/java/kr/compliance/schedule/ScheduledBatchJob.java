package kr.compliance.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kr.compliance.sources.SourceFailedException;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The one Quartz job of the system: works out the plan of its schedule from the job data and the
 * fire time, and starts those Batch jobs by name, one after the other. Each firing is recorded in
 * {@code scheduled_run}; a failure is recorded and rethrown to Quartz, and the next firing runs as
 * usual. A failure stops the plan, except a source system that could not be read: it loaded nothing,
 * so the other sources and the scoring still run, and the firing then ends failed naming it. {@link DisallowConcurrentExecution} is kept in the clustered job store, so a schedule never
 * runs twice at once anywhere in the cluster: a firing due while one runs waits for it.
 */
@DisallowConcurrentExecution
public class ScheduledBatchJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(ScheduledBatchJob.class);

    private final SchedulePlans plans;
    private final BatchJobRunner runner;
    private final ScheduledRuns runs;
    private final NewFailureAlerts alerts;
    private final ScheduleProperties properties;

    ScheduledBatchJob(
            SchedulePlans plans,
            BatchJobRunner runner,
            ScheduledRuns runs,
            NewFailureAlerts alerts,
            ScheduleProperties properties) {
        this.plans = plans;
        this.runner = runner;
        this.runs = runs;
        this.alerts = alerts;
        this.properties = properties;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
        String name = context.getJobDetail().getKey().getName();
        Instant fireTime = (context.getScheduledFireTime() != null
                        ? context.getScheduledFireTime()
                        : context.getFireTime())
                .toInstant();
        long runId = runs.started(name, context.getFireInstanceId(), fireTime, schedulerInstance(context));
        try {
            SchedulePlans.Plan plan =
                    SchedulePlans.Plan.valueOf(context.getMergedJobDataMap().getString(SchedulePlans.PLAN));
            List<BatchLaunch> launches = plans.launches(plan, fireTime, context.getMergedJobDataMap());
            List<String> unreadSources = new ArrayList<>();
            for (BatchLaunch launch : launches) {
                JobExecution execution;
                try {
                    execution = runner.runLocked(launch, lockWait());
                } catch (RuntimeException e) {
                    if (launch.sourceSystem().isEmpty() || !nothingLoaded(e)) {
                        throw e;
                    }
                    // nothing of it was loaded, so the evidence is whole: the others and scoring go on
                    log.error("scheduled job '{}': {}", name, Messages.of(e), e);
                    unreadSources.add(Messages.of(e));
                    continue;
                }
                runs.jobRan(runId, launch.jobName(), execution.getId());
                if (launch.jobName().equals(BatchJobs.SCORE)) {
                    alerts.afterScoring(execution.getId());
                }
            }
            if (!unreadSources.isEmpty()) {
                throw new ScheduleException(String.join("; ", unreadSources));
            }
            runs.finished(runId, ScheduledRuns.COMPLETED, null);
        } catch (RuntimeException e) {
            String error = "scheduled job '" + name + "' failed: " + Messages.of(e);
            runs.finished(runId, ScheduledRuns.FAILED, error);
            log.error(error, e);
            // not refired at once: the failure is recorded, and the next firing runs as usual
            throw new JobExecutionException(error, e, false);
        }
    }

    /** A source that could not be read loaded nothing; any other failure may have loaded half. */
    private static boolean nothingLoaded(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SourceFailedException) {
                return true;
            }
        }
        return false;
    }

    private Duration lockWait() {
        return properties.periodLockWait();
    }

    private static String schedulerInstance(JobExecutionContext context) {
        try {
            return context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new ScheduleException("cannot read the scheduler's instance id: " + e.getMessage(), e);
        }
    }
}
