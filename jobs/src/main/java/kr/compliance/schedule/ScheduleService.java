package kr.compliance.schedule;

import static kr.compliance.store.jooq.Tables.ALERT_DELIVERY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The scheduled jobs as an operator sees them, and firing one now. */
@Service
public class ScheduleService {

    /**
     * One scheduled job.
     *
     * @param name the schedule ({@code nightly}, {@code quarterly})
     * @param cron its Quartz cron
     * @param zone the zone the cron is read in
     * @param previousFireTime when its trigger last fired
     * @param nextFireTime when it fires next
     * @param lastRun how its last firing (scheduled or on demand) went, if any
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScheduledJob(
            String name, String cron, String zone, Instant previousFireTime, Instant nextFireTime, LastRun lastRun) {}

    /** How the last firing of a schedule went: {@code RUNNING}, {@code COMPLETED} or {@code FAILED} with its error. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LastRun(long id, Instant startedAt, Instant finishedAt, String status, String error) {}

    /** One webhook delivery of new-failure alerts. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AlertDelivery(
            long scoringRunId,
            String period,
            String webhook,
            long findings,
            String status,
            int attempts,
            String error,
            Instant at) {}

    /** The schedules, and the latest alert deliveries so that a webhook that is down shows. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Schedule(List<ScheduledJob> jobs, List<AlertDelivery> recentAlerts) {}

    private static final int RECENT_ALERTS = 20;

    private final Scheduler scheduler;
    private final ScheduledRuns runs;
    private final DSLContext dsl;

    ScheduleService(Scheduler scheduler, ScheduledRuns runs, DSLContext dsl) {
        this.scheduler = scheduler;
        this.runs = runs;
        this.dsl = dsl;
    }

    public Schedule schedule() {
        return new Schedule(jobs(), recentAlerts());
    }

    public List<ScheduledJob> jobs() {
        try {
            List<ScheduledJob> jobs = new ArrayList<>();
            for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(ScheduleRegistrar.GROUP))) {
                var lastRun = runs.last(key.getName()).orElse(null);
                List<? extends Trigger> triggers = scheduler.getTriggersOfJob(key);
                CronTrigger cron = triggers.stream()
                        .filter(CronTrigger.class::isInstance)
                        .map(CronTrigger.class::cast)
                        .findFirst()
                        .orElse(null);
                jobs.add(new ScheduledJob(
                        key.getName(),
                        cron == null ? null : cron.getCronExpression(),
                        cron == null ? null : cron.getTimeZone().getID(),
                        cron == null ? null : instant(cron.getPreviousFireTime()),
                        cron == null ? null : instant(cron.getNextFireTime()),
                        lastRun));
            }
            jobs.sort(java.util.Comparator.comparing(ScheduledJob::name));
            return jobs;
        } catch (SchedulerException e) {
            throw new ScheduleException("cannot read the schedule from the job store: " + e.getMessage(), e);
        }
    }

    /**
     * Fires a scheduled job now, through the clustered job store: it runs on whichever server takes
     * it, and waits if the job is running already.
     *
     * @throws UnknownScheduleException when no job of that name is scheduled
     */
    public void trigger(String name) {
        JobKey key = ScheduleRegistrar.jobKey(name);
        try {
            if (!scheduler.checkExists(key)) {
                throw new UnknownScheduleException(name);
            }
            scheduler.triggerJob(key);
        } catch (SchedulerException e) {
            throw new ScheduleException("cannot fire '" + name + "': " + e.getMessage(), e);
        }
    }

    private List<AlertDelivery> recentAlerts() {
        return dsl.select(
                        ALERT_DELIVERY.SCORING_RUN_ID,
                        ALERT_DELIVERY.PERIOD,
                        ALERT_DELIVERY.WEBHOOK_ORIGIN,
                        ALERT_DELIVERY.FINDINGS_COUNT,
                        ALERT_DELIVERY.STATUS,
                        ALERT_DELIVERY.ATTEMPTS,
                        ALERT_DELIVERY.ERROR_MESSAGE,
                        ALERT_DELIVERY.CREATED_AT)
                .from(ALERT_DELIVERY)
                .orderBy(ALERT_DELIVERY.DELIVERY_ID.desc())
                .limit(RECENT_ALERTS)
                .fetch(Records.mapping(AlertDelivery::new));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
