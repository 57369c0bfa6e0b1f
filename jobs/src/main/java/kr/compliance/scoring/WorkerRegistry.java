package kr.compliance.scoring;

import static kr.compliance.store.jooq.Tables.SCORING_WORKER;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import kr.compliance.store.jooq.tables.records.ScoringWorkerRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The live {@code compliance worker} processes ({@code scoring_worker}): each beats every {@code
 * compliance.scoring.worker-heartbeat} and names the partition it is judging, so that a manager
 * can tell a worker that died from one still at work within {@code worker-lost-after}, rather than
 * waiting out {@code worker-timeout}. Times are the database's UTC clock, one clock for every machine.
 */
@Component
class WorkerRegistry {

    /** A worker that has not beaten for longer than {@code lostAfter}, and the partition it held. */
    record LostWorker(String workerId, String host, long pid, Instant lastSeen, long stepExecutionId) {
        String describe(Duration lostAfter) {
            return "its worker on " + host + " (pid " + pid + ") stopped answering: last heard of at "
                    + lastSeen.truncatedTo(ChronoUnit.SECONDS) + ", more than " + lostAfter
                    + " (compliance.scoring.worker-lost-after) ago";
        }
    }

    private static final Field<Instant> NOW = DSL.field("UTC_TIMESTAMP(6)", SCORING_WORKER.LAST_SEEN_AT.getDataType());

    private final DSLContext dsl;
    private final Duration heartbeat;
    private final Duration lostAfter;

    WorkerRegistry(
            DSLContext dsl,
            @Value("${compliance.scoring.worker-heartbeat}") Duration heartbeat,
            @Value("${compliance.scoring.worker-lost-after}") Duration lostAfter) {
        if (lostAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("compliance.scoring.worker-lost-after (" + lostAfter
                    + ") must be at least twice compliance.scoring.worker-heartbeat (" + heartbeat + ")");
        }
        this.dsl = dsl;
        this.heartbeat = heartbeat;
        this.lostAfter = lostAfter;
    }

    Duration heartbeat() {
        return heartbeat;
    }

    Duration lostAfter() {
        return lostAfter;
    }

    /** Enters this process as a worker; its id. */
    String register() {
        String workerId = UUID.randomUUID().toString();
        dsl.insertInto(SCORING_WORKER)
                .set(SCORING_WORKER.WORKER_ID, workerId)
                .set(SCORING_WORKER.HOST, hostName())
                .set(SCORING_WORKER.PID, ProcessHandle.current().pid())
                .set(SCORING_WORKER.STARTED_AT, NOW)
                .set(SCORING_WORKER.LAST_SEEN_AT, NOW)
                .execute();
        return workerId;
    }

    /** Records that the worker is alive; false when a manager has declared it lost (its row is gone). */
    boolean beat(String workerId) {
        return dsl.update(SCORING_WORKER)
                        .set(SCORING_WORKER.LAST_SEEN_AT, NOW)
                        .where(SCORING_WORKER.WORKER_ID.eq(workerId))
                        .execute()
                == 1;
    }

    /**
     * Records the partition the worker is judging now, or null when it is idle; false when a manager
     * has declared it lost (its row is gone), so that it takes on nothing more.
     */
    boolean holding(String workerId, Long stepExecutionId) {
        return dsl.update(SCORING_WORKER)
                        .set(SCORING_WORKER.STEP_EXECUTION_ID, stepExecutionId)
                        .set(SCORING_WORKER.LAST_SEEN_AT, NOW)
                        .where(SCORING_WORKER.WORKER_ID.eq(workerId))
                        .execute()
                == 1;
    }

    /**
     * Leaves the registry as the worker stops, unless it still holds a partition: stopped in the
     * middle of one, it stays, silent, so a manager fails that partition within {@code
     * worker-lost-after} instead of waiting for it until {@code worker-timeout}.
     */
    void unregister(String workerId) {
        dsl.deleteFrom(SCORING_WORKER)
                .where(SCORING_WORKER.WORKER_ID.eq(workerId))
                .and(SCORING_WORKER.STEP_EXECUTION_ID.isNull())
                .execute();
    }

    /**
     * The workers silent for longer than {@code worker-lost-after} that hold one of {@code
     * partitions}, removed from the registry as they are returned: a worker that was only stalled
     * finds its row gone at its next beat, and stops. Lost workers holding nothing are removed too.
     */
    List<LostWorker> takeLost(Collection<Long> partitions) {
        Condition silent = SCORING_WORKER.LAST_SEEN_AT.lt(DSL.field(
                "UTC_TIMESTAMP(6) - INTERVAL {0} MICROSECOND",
                SCORING_WORKER.LAST_SEEN_AT.getDataType(), DSL.inline(lostAfter.toNanos() / 1000)));
        return dsl.transactionResult(transaction -> {
            DSLContext tx = transaction.dsl();
            List<LostWorker> lost = tx.selectFrom(SCORING_WORKER)
                    .where(silent)
                    .and(SCORING_WORKER.STEP_EXECUTION_ID.in(partitions))
                    .forUpdate()
                    .fetch(WorkerRegistry::lostWorker);
            tx.deleteFrom(SCORING_WORKER)
                    .where(SCORING_WORKER.WORKER_ID.in(
                            lost.stream().map(LostWorker::workerId).toList()))
                    .or(silent.and(SCORING_WORKER.STEP_EXECUTION_ID.isNull()))
                    .execute();
            return lost;
        });
    }

    private static LostWorker lostWorker(ScoringWorkerRecord row) {
        return new LostWorker(
                row.getWorkerId(), row.getHost(), row.getPid(), row.getLastSeenAt(), row.getStepExecutionId());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "an unnamed host";
        }
    }
}
