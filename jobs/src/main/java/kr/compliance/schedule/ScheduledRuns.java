package kr.compliance.schedule;

import static kr.compliance.store.jooq.Tables.SCHEDULED_RUN;
import static kr.compliance.store.jooq.Tables.SCHEDULED_RUN_JOB;

import java.time.Instant;
import java.util.Optional;
import kr.compliance.schedule.ScheduleService.LastRun;
import kr.compliance.store.GeneratedKeys;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Records;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The record of every firing of a schedule: when, where, and how it ended. */
@Repository
class ScheduledRuns {

    static final String RUNNING = "RUNNING";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";

    // Quartz's own table (V0003), which jOOQ does not generate
    private static final Table<?> CLUSTER_MEMBERS = DSL.table(DSL.name("QRTZ_SCHEDULER_STATE"));
    private static final Field<String> CLUSTER_NAME = DSL.field(DSL.name("SCHED_NAME"), String.class);
    private static final Field<String> CLUSTER_MEMBER = DSL.field(DSL.name("INSTANCE_NAME"), String.class);

    private final DSLContext dsl;

    ScheduledRuns(DSLContext dsl) {
        this.dsl = dsl;
    }

    long started(String scheduleName, String fireInstanceId, Instant scheduledFor, String schedulerInstance) {
        return GeneratedKeys.insert(
                dsl,
                tx -> tx.insertInto(SCHEDULED_RUN)
                        .set(SCHEDULED_RUN.SCHEDULE_NAME, scheduleName)
                        .set(SCHEDULED_RUN.FIRE_INSTANCE_ID, fireInstanceId)
                        .set(SCHEDULED_RUN.SCHEDULED_FOR, scheduledFor)
                        .set(SCHEDULED_RUN.STARTED_AT, Instant.now())
                        .set(SCHEDULED_RUN.SCHEDULER_INSTANCE, schedulerInstance)
                        .set(SCHEDULED_RUN.STATUS, RUNNING));
    }

    void jobRan(long scheduledRunId, String jobName, long jobExecutionId) {
        dsl.insertInto(SCHEDULED_RUN_JOB)
                .set(SCHEDULED_RUN_JOB.SCHEDULED_RUN_ID, scheduledRunId)
                .set(SCHEDULED_RUN_JOB.JOB_EXECUTION_ID, jobExecutionId)
                .set(SCHEDULED_RUN_JOB.JOB_NAME, jobName)
                .execute();
    }

    void finished(long scheduledRunId, String status, String error) {
        dsl.update(SCHEDULED_RUN)
                .set(SCHEDULED_RUN.STATUS, status)
                .set(SCHEDULED_RUN.FINISHED_AT, Instant.now())
                .set(SCHEDULED_RUN.ERROR_MESSAGE, Messages.clip(error))
                .where(SCHEDULED_RUN.SCHEDULED_RUN_ID.eq(scheduledRunId))
                .execute();
    }

    /**
     * Fails the firings left {@code RUNNING} by a scheduler instance that is no longer a member of
     * the Quartz cluster {@code schedulerName}: a member that stops checking in is removed from
     * {@code QRTZ_SCHEDULER_STATE} by the member that recovers its jobs, so a firing of an instance
     * missing there is run by nobody. Returns how many were failed.
     */
    int failAbandoned(String schedulerName) {
        return dsl.update(SCHEDULED_RUN)
                .set(SCHEDULED_RUN.STATUS, FAILED)
                .set(SCHEDULED_RUN.FINISHED_AT, Instant.now())
                .set(
                        SCHEDULED_RUN.ERROR_MESSAGE,
                        DSL.concat(
                                DSL.inline("the server running it (scheduler instance "),
                                SCHEDULED_RUN.SCHEDULER_INSTANCE,
                                DSL.inline(") stopped before the run ended; its jobs resume on their next run")))
                .where(SCHEDULED_RUN.STATUS.eq(RUNNING))
                .and(SCHEDULED_RUN.SCHEDULER_INSTANCE.notIn(
                        DSL.select(CLUSTER_MEMBER).from(CLUSTER_MEMBERS).where(CLUSTER_NAME.eq(schedulerName))))
                .execute();
    }

    Optional<LastRun> last(String scheduleName) {
        return dsl.select(
                        SCHEDULED_RUN.SCHEDULED_RUN_ID,
                        SCHEDULED_RUN.STARTED_AT,
                        SCHEDULED_RUN.FINISHED_AT,
                        SCHEDULED_RUN.STATUS,
                        SCHEDULED_RUN.ERROR_MESSAGE)
                .from(SCHEDULED_RUN)
                .where(SCHEDULED_RUN.SCHEDULE_NAME.eq(scheduleName))
                .orderBy(SCHEDULED_RUN.SCHEDULED_RUN_ID.desc())
                .limit(1)
                .fetchOptional(Records.mapping(LastRun::new));
    }
}
