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
import org.springframework.integration.channel.QueueChannel;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The worker side of remote partitioning ({@code compliance worker}): takes partition requests
 * from the database's queue ({@link PartitionRequests}), one at a time, and executes each with
 * Spring Batch's {@link StepExecutionRequestHandler}, which records the partition's end in the
 * job repository, where the manager reads it.
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

    private final QueueChannel requests;
    private final JobRepository jobRepository;
    private final WorkerRegistry registry;
    private final StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
    private final Duration poll;
    private final AtomicReference<Presence> presence = new AtomicReference<>();

    ScoringWorker(
            QueueChannel partitionRequestQueue,
            ControlGroupPartitions steps,
            JobRepository jobRepository,
            WorkerRegistry registry,
            @Value("${compliance.scoring.worker-poll}") Duration poll) {
        this.requests = partitionRequestQueue;
        this.jobRepository = jobRepository;
        this.registry = registry;
        this.poll = poll;
        handler.setJobRepository(jobRepository);
        handler.setStepLocator(steps);
    }

    /**
     * Executes requests until {@code stopping} says so, checked at least every poll interval;
     * tells {@code report} each partition it begins and ends; calls {@code lost} (which must end
     * the process) when a manager has declared this worker lost.
     */
    public void work(BooleanSupplier stopping, Consumer<String> report, Runnable lost) {
        String workerId = registry.register();
        Thread heartbeat =
                Thread.ofPlatform().name("worker-heartbeat").daemon().start(() -> beat(workerId, report, lost));
        presence.set(new Presence(workerId, heartbeat));
        try {
            while (!stopping.getAsBoolean()) {
                Message<?> message = requests.receive(poll.toMillis());
                if (message != null && message.getPayload() instanceof StepExecutionRequest request) {
                    execute(workerId, request, report);
                }
            }
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
                    report.accept("was declared lost by a manager (silent for longer than " + registry.lostAfter()
                            + "), and its partition failed; stopping now");
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

    private void execute(String workerId, StepExecutionRequest request, Consumer<String> report) {
        StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
        if (partition == null
                || partition.getStatus() != BatchStatus.STARTING
                || !partition.getJobExecution().isRunning()) {
            report.accept("dropped a request no longer wanted: " + request);
            return;
        }
        String name = partition.getStepName() + " of job execution " + partition.getJobExecutionId();
        registry.holding(workerId, partition.getId());
        report.accept("running " + name);
        StepExecution ended;
        try {
            ended = handler.handle(request);
        } finally {
            registry.holding(workerId, null);
        }
        report.accept("ran " + name + ": " + ended.getStatus());
    }
}
