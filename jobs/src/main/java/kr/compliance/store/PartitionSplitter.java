package kr.compliance.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Spring Batch's own splitter, with one gap closed. It creates a partition's execution in one
 * transaction and saves what the partition is given (its keys, its subjects) in a second. A
 * process that dies between the two leaves an execution with an empty context, which a restart
 * would run as it is: as a partition of every key or every subject, over the rows the other
 * partitions own. So on a restart, an execution whose context is empty is given its partition's
 * context again before it runs. An empty context can also be a partition's whole given context
 * (all subjects, on one partition); giving it again changes nothing.
 */
public final class PartitionSplitter implements StepExecutionSplitter {

    /** Where Spring Batch keeps, in the manager step's context, the number of partitions it split into. */
    static final String GRID_SIZE = SimpleStepExecutionSplitter.class.getSimpleName() + ".GRID_SIZE";

    private final JobRepository jobRepository;
    private final String stepName;
    private final Partitioner partitioner;
    private final SimpleStepExecutionSplitter splitter;

    public PartitionSplitter(JobRepository jobRepository, String stepName, Partitioner partitioner) {
        this.jobRepository = jobRepository;
        this.stepName = stepName;
        this.partitioner = partitioner;
        this.splitter = new SimpleStepExecutionSplitter(jobRepository, stepName, partitioner);
    }

    @Override
    public String getStepName() {
        return stepName;
    }

    @Override
    public Set<StepExecution> split(StepExecution manager, int gridSize) throws JobExecutionException {
        // the first attempt gives every partition its context in memory; only a restart reads them back
        boolean restart = manager.getExecutionContext().containsKey(GRID_SIZE);
        Set<StepExecution> partitions = splitter.split(manager, gridSize);
        List<StepExecution> ungiven = restart
                ? partitions.stream()
                        .filter(partition -> partition.getExecutionContext().isEmpty())
                        .toList()
                : List.of();
        if (!ungiven.isEmpty()) {
            Map<String, ExecutionContext> given =
                    partitioner.partition((int) manager.getExecutionContext().getLong(GRID_SIZE));
            for (StepExecution partition : ungiven) {
                String name = partition.getStepName().substring(stepName.length() + 1);
                given.get(name)
                        .entrySet()
                        .forEach(entry -> partition.getExecutionContext().put(entry.getKey(), entry.getValue()));
                jobRepository.updateExecutionContext(partition);
            }
        }
        return partitions;
    }
}
