package kr.compliance.scoring;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kr.compliance.store.PartitionSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.stereotype.Component;

/**
 * Where a control group's partitions run: on at most {@code compliance.scoring.partitions} local
 * threads, or, with {@code compliance.scoring.workers}, on {@code compliance worker} processes
 * (Spring Batch's remote partitioning). Then the manager puts one request per partition on the
 * database's queue ({@link PartitionRequests}) and polls the job repository until every partition
 * has ended. A partition whose worker has stopped beating ({@link WorkerRegistry}) is failed at once;
 * one still running after {@code compliance.scoring.worker-timeout} (a worker that died before it
 * named the partition it took) fails the step too. The job's restart runs again only the
 * partitions that did not complete.
 */
@Component
class ScorePartitioning {

    private static final Logger LOG = LoggerFactory.getLogger(ScorePartitioning.class);

    private final JobRepository jobRepository;
    private final int partitions;
    private final boolean workers;
    private final Duration workerTimeout;
    private final Duration workerPoll;
    private final QueueChannel requests;
    private final WorkerRegistry registry;

    ScorePartitioning(
            JobRepository jobRepository,
            @Value("${compliance.scoring.partitions}") int partitions,
            @Value("${compliance.scoring.workers}") boolean workers,
            @Value("${compliance.scoring.worker-timeout}") Duration workerTimeout,
            @Value("${compliance.scoring.worker-poll}") Duration workerPoll,
            QueueChannel partitionRequestQueue,
            WorkerRegistry registry) {
        if (partitions < 1) {
            throw new IllegalArgumentException("compliance.scoring.partitions must be at least 1, not " + partitions);
        }
        this.jobRepository = jobRepository;
        this.partitions = partitions;
        this.workers = workers;
        this.workerTimeout = workerTimeout;
        this.workerPoll = workerPoll;
        this.requests = partitionRequestQueue;
        this.registry = registry;
    }

    /**
     * The manager step of {@code partition}, named after it; its partitions' executions are
     * {@code name:partition0}, ... On a restart Spring Batch splits again into the partitions of
     * the first attempt, whatever is configured now, each with the subjects it was given then
     * ({@link PartitionSplitter}).
     */
    Step manager(Step partition, Partitioner partitioner) {
        String name = partition.getName();
        if (workers) {
            return new RemotePartitioningManagerStepBuilder(name, jobRepository)
                    .partitioner(name, partitioner)
                    .splitter(new PartitionSplitter(jobRepository, name, partitioner))
                    .gridSize(partitions)
                    .outputChannel(requests)
                    .pollInterval(workerPoll.toMillis())
                    .timeout(workerTimeout.toMillis())
                    .listener(new WatchedPartitions())
                    .build();
        }
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(name + "-");
        threads.setConcurrencyLimit(partitions);
        TaskExecutorPartitionHandler onThreads = new TaskExecutorPartitionHandler();
        onThreads.setStep(partition);
        onThreads.setTaskExecutor(threads);
        onThreads.setGridSize(partitions);
        return new StepBuilder(name, jobRepository)
                .partitioner(name, partitioner)
                .splitter(new PartitionSplitter(jobRepository, name, partitioner))
                .partitionHandler(onThreads)
                .build();
    }

    /**
     * Watches a manager step's partitions while they run on workers: every poll interval, fails
     * those held by a worker the registry finds lost, naming it, so the step ends within {@code
     * worker-lost-after} of a worker's death. When the step ends without its partitions all ended
     * (the timeout), marks those it gave up on as failed: Spring Batch restarts no job whose last
     * execution has a step still marked running, and the restart runs them again.
     */
    private final class WatchedPartitions implements StepExecutionListener {

        private final List<String> lostWorkers = new CopyOnWriteArrayList<>();
        private ScheduledExecutorService watch;

        @Override
        public void beforeStep(StepExecution manager) {
            lostWorkers.clear();
            watch = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                    .name(manager.getStepName() + "-watch")
                    .daemon()
                    .factory());
            watch.scheduleWithFixedDelay(
                    () -> failPartitionsOfLostWorkers(manager),
                    workerPoll.toMillis(),
                    workerPoll.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        private void failPartitionsOfLostWorkers(StepExecution manager) {
            try {
                Map<Long, StepExecution> running = runningPartitions(manager).stream()
                        .collect(Collectors.toMap(StepExecution::getId, partition -> partition));
                if (running.isEmpty()) {
                    return;
                }
                for (WorkerRegistry.LostWorker worker : registry.takeLost(running.keySet())) {
                    StepExecution partition = running.get(worker.stepExecutionId());
                    String reason = partition.getStepName() + ": " + worker.describe(registry.lostAfter());
                    fail(partition, reason);
                    lostWorkers.add(reason);
                    LOG.warn("{}; the partition is failed, and running the same score again resumes the run", reason);
                }
            } catch (RuntimeException e) {
                // the next poll looks again; the timeout still ends the step should this keep failing
                LOG.warn("could not check the workers of {}: {}", manager.getStepName(), e.getMessage());
            }
        }

        @Override
        public ExitStatus afterStep(StepExecution manager) {
            watch.shutdownNow();
            if (manager.getStatus() == BatchStatus.COMPLETED) {
                return null;
            }
            for (StepExecution partition : runningPartitions(manager)) {
                fail(partition, "no worker ended it within compliance.scoring.worker-timeout (" + workerTimeout + ")");
            }
            if (!lostWorkers.isEmpty()) {
                manager.addFailureException(new ScoringFailedException(String.join("; ", lostWorkers)));
            }
            return null;
        }

        private List<StepExecution> runningPartitions(StepExecution manager) {
            String partitionPrefix = manager.getStepName() + ":";
            return jobRepository.getJobExecution(manager.getJobExecutionId()).getStepExecutions().stream()
                    .filter(partition -> partition.getStepName().startsWith(partitionPrefix))
                    .filter(partition -> partition.getStatus().isRunning())
                    .toList();
        }

        private void fail(StepExecution partition, String reason) {
            partition.setStatus(BatchStatus.FAILED);
            partition.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
            partition.setEndTime(LocalDateTime.now());
            jobRepository.update(partition);
        }
    }
}
