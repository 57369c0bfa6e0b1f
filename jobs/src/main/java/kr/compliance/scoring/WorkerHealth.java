package kr.compliance.scoring;

import static kr.compliance.store.jooq.Tables.SCORING_WORKER;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.stereotype.Component;

/**
 * What an operator checks of the workers ({@code compliance workers}): who is in the registry, how
 * long each has been silent, the partition each holds, and how many partition requests no worker
 * has taken yet. Read only; the registry itself is kept by {@link WorkerRegistry}.
 */
@Component
public class WorkerHealth {

    /** A worker in the registry; {@code partition} is null while it is idle. */
    public record Worker(String host, long pid, Instant startedAt, Duration silentFor, String partition) {}

    /** The registry and the queue as they are now; a silent worker is given up after {@code lostAfter}. */
    public record Now(List<Worker> workers, int requestsQueued, Duration lostAfter) {}

    private static final Field<Long> SILENT_MICROS =
            DSL.field("TIMESTAMPDIFF(MICROSECOND, {0}, UTC_TIMESTAMP(6))", Long.class, SCORING_WORKER.LAST_SEEN_AT);

    private final DSLContext dsl;
    private final JobRepository jobRepository;
    private final JdbcChannelMessageStore requests;
    private final WorkerRegistry registry;

    WorkerHealth(
            DSLContext dsl,
            JobRepository jobRepository,
            JdbcChannelMessageStore partitionRequestStore,
            WorkerRegistry registry) {
        this.dsl = dsl;
        this.jobRepository = jobRepository;
        this.requests = partitionRequestStore;
        this.registry = registry;
    }

    public Now now() {
        List<Worker> workers = dsl.select(
                        SCORING_WORKER.HOST,
                        SCORING_WORKER.PID,
                        SCORING_WORKER.STARTED_AT,
                        SILENT_MICROS,
                        SCORING_WORKER.STEP_EXECUTION_ID)
                .from(SCORING_WORKER)
                .orderBy(SCORING_WORKER.HOST, SCORING_WORKER.PID)
                .fetch(row -> new Worker(
                        row.value1(),
                        row.value2(),
                        row.value3(),
                        Duration.ofNanos(row.value4() * 1000),
                        partitionName(row.value5())));
        return new Now(workers, requests.messageGroupSize(PartitionRequests.QUEUE), registry.lostAfter());
    }

    private String partitionName(Long stepExecutionId) {
        if (stepExecutionId == null) {
            return null;
        }
        StepExecution partition = jobRepository.getStepExecution(stepExecutionId);
        return partition == null ? "step execution " + stepExecutionId : ScoringWorker.describe(partition);
    }
}
