package kr.compliance.scoring;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker side of remote partitioning ({@code compliance worker}): takes partition requests
 * from the database's queue ({@link PartitionRequests}), one at a time, and executes each with
 * Spring Batch's {@link StepExecutionRequestHandler}, which records the partition's end in the
 * job repository, where the manager reads it.
 *
 * <p>A request is taken off the queue and its partition named as this worker's in the registry in
 * one transaction: a worker that dies between the two leaves the request on the queue for another,
 * never a partition that no live worker holds and no manager can tell is lost.
 *
 * <p>A request is executed only while it is still wanted: its partition not yet begun and its job
 * execution running. A request left on the queue by a manager that gave up (its step failed, the
 * job was restarted with requests of its own) is dropped, so a late worker never judges a
 * partition another worker may be judging.
 */
@Component
public class ScoringWorker implements DisposableBean {

    /** This process in the registry while it works. */
    private record Presence(String workerId, Thread heartbeat) {}

    /** A request taken, its partition held by this worker. */
    private record Taken(StepExecutionRequest request, String name) {}

    /** The registry no longer lists this worker: a manager found it silent for too long. */
    private static final class DeclaredLost extends RuntimeException {
        DeclaredLost() {
            super(null, null, false, false);
        }
    }

    private final JdbcChannelMessageStore requests;
    private final TransactionTemplate inOneTransaction;
    private final JobRepository jobRepository;
    private final WorkerRegistry registry;
    private final StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
    private final Duration poll;
    private final AtomicReference<Presence> presence = new AtomicReference<>();

    ScoringWorker(
            JdbcChannelMessageStore partitionRequestStore,
            PlatformTransactionManager transactionManager,
            ControlGroupPartitions steps,
            JobRepository jobRepository,
            WorkerRegistry registry,
            @Value("${compliance.scoring.worker-poll}") Duration poll) {
        this.requests = partitionRequestStore;
        this.inOneTransaction = new TransactionTemplate(transactionManager);
        // no gap locks: the queue's DELETE would otherwise lock out the manager's inserts and other workers
        inOneTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.jobRepository = jobRepository;
        this.registry = registry;
        this.poll = poll;
        handler.setJobRepository(jobRepository);
        handler.setStepLocator(steps);
    }

    /**
     * Executes requests until {@code stopping} says so, checked at least every poll interval;
     * tells {@code report} when it is in the registry and ready, and each partition it begins and
     * ends; calls {@code lost} (which must end the process) when a manager has declared this worker
     * lost.
     */
    public void work(BooleanSupplier stopping, Consumer<String> report, Runnable lost) {
        String workerId = registry.register();
        Thread heartbeat =
                Thread.ofPlatform().name("worker-heartbeat").daemon().start(() -> beat(workerId, report, lost));
        presence.set(new Presence(workerId, heartbeat));
        report.accept("ready, taking scoring partitions (Ctrl-C stops)");
        try {
            while (!stopping.getAsBoolean()) {
                Taken taken = takeOrWait(workerId, report);
                if (taken != null) {
                    execute(workerId, taken, report);
                } else {
                    Thread.sleep(poll);
                }
            }
        } catch (DeclaredLost declared) {
            reportLost(report);
            lost.run();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            leave();
        }
    }

    /**
     * Leaves the registry once, when the loop ends or when the application closes (SIGTERM: before
     * the database's pool closes, and maybe before the loop sees it stop); a worker stopped in the
     * middle of a partition stays in it until a manager finds it silent ({@link WorkerRegistry#unregister}).
     */
    @Override
    public void destroy() {
        leave();
    }

    private void leave() {
        Presence present = presence.getAndSet(null);
        if (present != null) {
            present.heartbeat().interrupt();
            registry.unregister(present.workerId());
        }
    }

    private void beat(String workerId, Consumer<String> report, Runnable lost) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(registry.heartbeat());
                if (!registry.beat(workerId)) {
                    reportLost(report);
                    lost.run();
                    return;
                }
            } catch (InterruptedException stopped) {
                return;
            } catch (RuntimeException unreachable) {
                // the database is away: the next beat tries again, and a manager may meanwhile declare us lost
                report.accept("could not beat: " + unreachable.getMessage());
            }
        }
    }

    private void reportLost(Consumer<String> report) {
        report.accept("was declared lost by a manager (silent for longer than " + registry.lostAfter()
                + "), and any partition it held failed; stopping now");
    }

    /**
     * A request taken in one transaction, or null when there is none now. A take the database
     * rolled back (a deadlock with a manager's inserts or another worker's take) left its request
     * queued: it is tried again at the next poll, as an empty queue is.
     */
    private Taken takeOrWait(String workerId, Consumer<String> report) {
        try {
            return inOneTransaction.execute(status -> take(workerId, report));
        } catch (TransientDataAccessException rolledBack) {
            return null;
        }
    }

    /**
     * The next request still wanted, its partition now held by this worker; null when there is none.
     * Runs in the caller's transaction: should naming the partition fail, the request stays queued.
     */
    private Taken take(String workerId, Consumer<String> report) {
        for (Message<?> message; (message = requests.pollMessageFromGroup(PartitionRequests.QUEUE)) != null; ) {
            if (message.getPayload() instanceof StepExecutionRequest request) {
                StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
                if (partition != null
                        && partition.getStatus() == BatchStatus.STARTING
                        && partition.getJobExecution().isRunning()) {
                    if (!registry.holding(workerId, partition.getId())) {
                        throw new DeclaredLost();
                    }
                    return new Taken(request, describe(partition));
                }
            }
            report.accept("dropped a request no longer wanted: " + message.getPayload());
        }
        return null;
    }

    /** A partition as workers and {@code compliance workers} name it. */
    static String describe(StepExecution partition) {
        return partition.getStepName() + " of job execution " + partition.getJobExecutionId();
    }

    private void execute(String workerId, Taken taken, Consumer<String> report) {
        report.accept("running " + taken.name());
        StepExecution ended;
        try {
            ended = handler.handle(taken.request());
        } finally {
            registry.holding(workerId, null);
        }
        report.accept("ran " + taken.name() + ": " + ended.getStatus());
    }
}
