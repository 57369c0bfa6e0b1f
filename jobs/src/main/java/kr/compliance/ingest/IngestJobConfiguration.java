package kr.compliance.ingest;

import java.util.List;
import java.util.function.Function;
import kr.compliance.store.KeyPartition;
import kr.compliance.store.PartitionSplitter;
import org.jooq.DSLContext;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;

/**
 * The {@code ingestJob}: a first step that opens the load of each file ({@link OpenLoads}), then
 * one chunk-oriented step per file kind, exceptions and runbooks first so a
 * partial load still has the context the other records are judged in. Each chunk's rows, its
 * rejections and its restart position commit together. After each kind's step, a step of its own
 * completes that file's load with its counts ({@link LoadFinish}).
 *
 * <p>Then the two large kinds, changes and tests, load side by side with the small ones, each in a
 * lane of its own: the kinds share no keys, and storing one chunk keeps one database thread busy,
 * so two lanes keep both cores of a small machine at work. A lane that fails stops only itself; the job
 * fails, and a restart resumes each lane where it stopped.
 *
 * <p>Each kind's step is partitioned by key ({@link KeyPartition}, {@code compliance.ingest.partitions}):
 * every partition reads the whole file, keeps the rows of its own keys, and stores them on a
 * connection and a thread of its own, so one large file loads on several connections while every
 * record's rows keep their file order. Each partition restarts from its own point in its own step
 * execution.
 */
@Configuration(proxyBeanMethods = false)
class IngestJobConfiguration {

    /** SHA-256 over the drop's files: the same bytes are the same load. */
    static final String FINGERPRINT = "fingerprint";

    /** Every record kind appears once in these (checked by the ingest tests). */
    static final List<RecordKind> CONTEXT = List.of(RecordKind.EXCEPTIONS, RecordKind.RUNBOOKS);

    static final List<List<RecordKind>> LANES = List.of(
            List.of(RecordKind.CHANGES),
            List.of(RecordKind.TESTS),
            List.of(RecordKind.INCIDENTS, RecordKind.NOTIFICATIONS, RecordKind.POSTMORTEMS, RecordKind.ACTION_ITEMS));

    @Bean
    Job ingestJob(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            DSLContext dsl,
            LoadLog loadLog,
            PreparedDrops drops,
            @Value("${compliance.ingest.chunk-size}") int chunkSize,
            @Value("${compliance.ingest.partitions}") int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("compliance.ingest.partitions must be at least 1, not " + partitions);
        }
        // partitions of a file write one table at once; under READ COMMITTED the merge's reads of
        // stored revisions take no gap locks, so they cannot deadlock on each other's inserts
        DefaultTransactionAttribute readCommitted = new DefaultTransactionAttribute();
        readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        // each kind's step, then the step that completes its file's load (LoadFinish)
        Function<RecordKind, List<Step>> steps = kind -> {
            String name = KindStep.stepName(kind);
            // a fresh chunk step, and parts, for each partition's execution: the parts hold its state
            Step partition = new StepPerExecution(name, execution -> {
                // rows are read and checked one chunk ahead of the one being stored
                KindStep parts = new KindStep(kind, dsl, loadLog, drops, chunkSize);
                return new StepBuilder(execution, jobRepository)
                        .<ParsedRow, ParsedRow>chunk(chunkSize)
                        .transactionManager(transactionManager)
                        .transactionAttribute(readCommitted)
                        .reader(parts)
                        .writer(parts)
                        .listener(parts)
                        .build();
            });
            TaskExecutorPartitionHandler partitionsOnThreads = new TaskExecutorPartitionHandler();
            partitionsOnThreads.setStep(partition);
            partitionsOnThreads.setTaskExecutor(new SimpleAsyncTaskExecutor(name + "-"));
            partitionsOnThreads.setGridSize(partitions);
            LoadFinish finish = new LoadFinish(kind, loadLog, drops, jobRepository);
            return List.of(
                    new StepBuilder(name, jobRepository)
                            .partitioner(name, KeyPartition.partitioner())
                            .splitter(new PartitionSplitter(jobRepository, name, KeyPartition.partitioner()))
                            .partitionHandler(partitionsOnThreads)
                            .listener(finish)
                            .build(),
                    new StepBuilder(LoadFinish.stepName(kind), jobRepository)
                            .tasklet(finish, transactionManager)
                            .build());
        };
        Flow[] lanes = LANES.stream()
                .map(kinds -> sequence("lane" + kinds.getFirst(), kinds, steps))
                .toArray(Flow[]::new);
        Flow allLanes = new FlowBuilder<Flow>("lanes")
                .split(new SimpleAsyncTaskExecutor("ingest-"))
                .add(lanes)
                .build();
        Step openLoads = new StepBuilder("openLoadsStep", jobRepository)
                .tasklet(new OpenLoads(loadLog, drops), transactionManager)
                .build();
        return new JobBuilder(IngestRequest.JOB, jobRepository)
                .start(new FlowBuilder<Flow>("openLoads").start(openLoads).build())
                .next(sequence("context", CONTEXT, steps))
                .next(allLanes)
                .end()
                .build();
    }

    /** A step that builds a new step for each execution it is given, named after that execution. */
    private record StepPerExecution(String name, Function<String, Step> build) implements Step {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public void execute(StepExecution execution) throws JobInterruptedException {
            build.apply(execution.getStepName()).execute(execution);
        }
    }

    private static Flow sequence(String name, List<RecordKind> kinds, Function<RecordKind, List<Step>> steps) {
        List<Step> all =
                kinds.stream().flatMap(kind -> steps.apply(kind).stream()).toList();
        FlowBuilder<Flow> flow = new FlowBuilder<Flow>(name).start(all.getFirst());
        for (Step step : all.subList(1, all.size())) {
            flow = flow.next(step);
        }
        return flow.build();
    }
}
