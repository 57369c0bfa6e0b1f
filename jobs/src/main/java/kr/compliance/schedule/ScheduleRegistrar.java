package kr.compliance.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Puts the nightly and quarterly schedules into the job store when the scheduler runs
 * ({@code serve}). Idempotent across restarts and cluster members: a trigger whose cron and zone
 * are unchanged is left alone, keeping its next fire time, so a run missed while every server was
 * down still fires (once) when one is back; a changed cron or zone replaces it.
 */
@Component
@ConditionalOnBooleanProperty("spring.quartz.auto-startup")
class ScheduleRegistrar implements ApplicationRunner {

    static final String GROUP = "compliance";
    static final String NIGHTLY = "nightly";
    static final String QUARTERLY = "quarterly";

    private static final Logger log = LoggerFactory.getLogger(ScheduleRegistrar.class);

    private final Scheduler scheduler;
    private final ScheduleProperties properties;

    ScheduleRegistrar(Scheduler scheduler, ScheduleProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        register(scheduler, NIGHTLY, SchedulePlans.Plan.NIGHTLY, properties.nightlyCron(), properties);
        register(scheduler, QUARTERLY, SchedulePlans.Plan.QUARTERLY, properties.quarterlyCron(), properties);
    }

    private static void register(
            Scheduler scheduler, String name, SchedulePlans.Plan plan, String cron, ScheduleProperties properties) {
        JobDetail job = jobDetail(name, plan);
        register(scheduler, job, cronTrigger(name, cron, properties.zone().getId(), Instant.now()));
    }

    /** The durable job of one schedule, running {@code plan}. */
    static JobDetail jobDetail(String name, SchedulePlans.Plan plan) {
        return JobBuilder.newJob(ScheduledBatchJob.class)
                .withIdentity(name, GROUP)
                .usingJobData(SchedulePlans.PLAN, plan.name())
                .storeDurably()
                .build();
    }

    /** A cron trigger whose misfire (every server down at its time) fires once, as soon as one is back. */
    static CronTrigger cronTrigger(String name, String cron, String zone, Instant startAt) {
        return TriggerBuilder.newTrigger()
                .withIdentity(name, GROUP)
                .forJob(name, GROUP)
                .startAt(Date.from(startAt))
                .withSchedule(CronScheduleBuilder.cronSchedule(cron)
                        .inTimeZone(TimeZone.getTimeZone(zone))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    /** Stores the job (replacing its definition) and schedules the trigger unless an identical one exists. */
    static void register(Scheduler scheduler, JobDetail job, CronTrigger trigger) {
        try {
            scheduler.addJob(job, true);
            TriggerKey key = trigger.getKey();
            Trigger existing = scheduler.getTrigger(key);
            if (existing == null) {
                scheduler.scheduleJob(trigger);
                log.info(
                        "scheduled {} at '{}' ({})",
                        key.getName(),
                        trigger.getCronExpression(),
                        trigger.getTimeZone().getID());
            } else if (!sameSchedule(existing, trigger)) {
                scheduler.rescheduleJob(key, trigger);
                log.info(
                        "rescheduled {} at '{}' ({})",
                        key.getName(),
                        trigger.getCronExpression(),
                        trigger.getTimeZone().getID());
            }
        } catch (SchedulerException e) {
            // a second cluster member registering at the same moment is fine: the definitions are equal
            if (!(e instanceof org.quartz.ObjectAlreadyExistsException)) {
                throw new ScheduleException(
                        "cannot register the schedule '" + job.getKey().getName() + "' in the job store: "
                                + e.getMessage(),
                        e);
            }
        }
    }

    private static boolean sameSchedule(Trigger existing, CronTrigger wanted) {
        return existing instanceof CronTrigger cron
                && Objects.equals(cron.getCronExpression(), wanted.getCronExpression())
                && Objects.equals(
                        cron.getTimeZone().getID(), wanted.getTimeZone().getID())
                && cron.getMisfireInstruction() == wanted.getMisfireInstruction()
                && Objects.equals(existing.getJobKey(), wanted.getJobKey());
    }

    static JobKey jobKey(String name) {
        return JobKey.jobKey(name, GROUP);
    }
}
