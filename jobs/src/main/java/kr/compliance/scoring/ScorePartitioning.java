package kr.compliance.scoring;

import java.time.Duration;
import java.time.LocalDateTime;
import kr.compliance.store.PartitionSplitter;
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
 * has ended; one still running after {@code compliance.scoring.worker-timeout} (its worker died)
 * fails the step, and the job's restart runs again only the partitions that did not complete.
 */
@Component
class ScorePartitioning {

    private final JobRepository jobRepository;
    private final int partitions;
    private final boolean workers;
    private final Duration workerTimeout;
    private final Duration workerPoll;
    private final QueueChannel requests;

    ScorePartitioning(
            JobRepository jobRepository,
            @Value("${compliance.scoring.partitions}") int partitions,
            @Value("${compliance.scoring.workers}") boolean workers,
            @Value("${compliance.scoring.worker-timeout}") Duration workerTimeout,
            @Value("${compliance.scoring.worker-poll}") Duration workerPoll,
            QueueChannel partitionRequestQueue) {
        if (partitions < 1) {
            throw new IllegalArgumentException("compliance.scoring.partitions must be at least 1, not " + partitions);
        }
        this.jobRepository = jobRepository;
        this.partitions = partitions;
        this.workers = workers;
        this.workerTimeout = workerTimeout;
        this.workerPoll = workerPoll;
        this.requests = partitionRequestQueue;
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
                    .listener(new EndAbandonedPartitions())
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
     * When a manager step ends without its partitions all ended (a worker died in one, or never
     * took it), marks those it gave up on as failed: Spring Batch restarts no job whose last
     * execution has a step still marked running, and the restart runs them again.
     */
    private final class EndAbandonedPartitions implements StepExecutionListener {
        @Override
        public ExitStatus afterStep(StepExecution manager) {
            if (manager.getStatus() == BatchStatus.COMPLETED) {
                return null;
            }
            String partitionPrefix = manager.getStepName() + ":";
            for (StepExecution partition :
                    jobRepository.getJobExecution(manager.getJobExecutionId()).getStepExecutions()) {
                if (partition.getStepName().startsWith(partitionPrefix)
                        && partition.getStatus().isRunning()) {
                    partition.setStatus(BatchStatus.FAILED);
                    partition.setExitStatus(ExitStatus.FAILED.addExitDescription(
                            "no worker ended it within compliance.scoring.worker-timeout (" + workerTimeout + ")"));
                    partition.setEndTime(LocalDateTime.now());
                    jobRepository.update(partition);
                }
            }
            return null;
        }
    }
}
