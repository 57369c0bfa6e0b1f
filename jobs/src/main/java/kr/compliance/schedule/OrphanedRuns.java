package kr.compliance.schedule;

import static kr.compliance.store.jooq.Tables.REQUESTED_RUN;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kr.compliance.pack.PackRequest;
import kr.compliance.store.AdvisoryLock;
import kr.compliance.store.jooq.tables.records.RequestedRunRecord;
import org.jooq.DSLContext;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * Requested runs left {@code RUNNING} by a process that stopped before they ended (killed, machine
 * lost, shut down mid-run). A run holds its period's database lock from its request to its end, and
 * the server drops the lock with the connection of a process that dies: so a {@code RUNNING} run of
 * a period whose lock is free is run by nobody. Such a run is ended {@code FAILED} with the reason,
 * and so are the Batch executions it left running; a run whose period is locked is never touched,
 * whichever process holds the lock.
 */
@Component
class OrphanedRuns {

    private final DSLContext dsl;
    private final BatchJobRunner runner;
    private final RunExecutions executions;

    OrphanedRuns(DSLContext dsl, BatchJobRunner runner, RunExecutions executions) {
        this.dsl = dsl;
        this.runner = runner;
        this.executions = executions;
    }

    /** Fails the orphaned runs of every period whose lock is free; returns how many. */
    int failAll() {
        int failed = 0;
        List<String> periods = dsl.selectDistinct(REQUESTED_RUN.PERIOD)
                .from(REQUESTED_RUN)
                .where(REQUESTED_RUN.STATUS.eq(RunService.RUNNING))
                .fetch(REQUESTED_RUN.PERIOD);
        for (String period : periods) {
            AdvisoryLock lock;
            try {
                lock = runner.lockPeriod(period, Duration.ZERO);
            } catch (RunAlreadyActiveException live) {
                continue; // a live process runs this period: its runs are its own to end
            }
            try (lock) {
                failed += failOf(period);
            }
        }
        return failed;
    }

    /**
     * Fails the runs of {@code period} marked {@code RUNNING}. The caller holds the period's lock,
     * so none of them is running anywhere.
     */
    int failOf(String period) {
        List<RequestedRunRecord> orphans = dsl.selectFrom(REQUESTED_RUN)
                .where(REQUESTED_RUN.PERIOD.eq(period))
                .and(REQUESTED_RUN.STATUS.eq(RunService.RUNNING))
                .fetch();
        for (RequestedRunRecord run : orphans) {
            end(
                    run,
                    "the process that ran it (" + owner(run) + ") stopped before it finished;"
                            + " request the run again");
        }
        return orphans.size();
    }

    /**
     * Ends a run no process will finish: its running Batch executions are recovered as
     * {@code FAILED} (and recorded on the run, so its status still shows them), then the run.
     */
    void end(RequestedRunRecord run, String reason) {
        Long score = recover(BatchJobs.SCORE, run, reason, run.getScoreExecutionId());
        Long pack = recover(PackRequest.JOB, run, reason, run.getPackExecutionId());
        dsl.update(REQUESTED_RUN)
                .set(REQUESTED_RUN.STATUS, RunService.FAILED)
                .set(REQUESTED_RUN.FINISHED_AT, Instant.now())
                .set(REQUESTED_RUN.ERROR_MESSAGE, Messages.clip(reason))
                .set(REQUESTED_RUN.SCORE_EXECUTION_ID, score)
                .set(REQUESTED_RUN.PACK_EXECUTION_ID, pack)
                .where(REQUESTED_RUN.RUN_ID.eq(run.getRunId()))
                .and(REQUESTED_RUN.STATUS.eq(RunService.RUNNING))
                .execute();
    }

    private Long recover(String jobName, RequestedRunRecord run, String reason, Long recordedId) {
        if (recordedId != null) {
            return recordedId;
        }
        return executions
                .running(jobName, run.getPeriod(), run.getRequestedAt())
                .map(execution -> executions.recover(execution, reason))
                .map(JobExecution::getId)
                .orElse(null);
    }

    private static String owner(RequestedRunRecord run) {
        if (run.getOwnerHost() == null || run.getOwnerPid() == null) {
            return "not recorded"; // requested before V0072
        }
        return new RunOwner(run.getOwnerHost(), run.getOwnerPid(), run.getOwnerStartedAt()).describe();
    }
}
