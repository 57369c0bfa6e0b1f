package kr.compliance.ingest;

import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code ingestJob}: a first step that opens the load of each file ({@link OpenLoads}), then
 * one chunk-oriented step per file kind, exceptions and runbooks first so a
 * partial load still has the context the other records are judged in. Each chunk's rows, its
 * rejections and its restart position commit together.
 *
 * <p>Then the two large kinds, changes and tests, load side by side with the small ones, each in a
 * lane of its own: the kinds share no keys, and storing one chunk keeps one database thread busy,
 * so two lanes keep both cores of a small machine at work. A lane that fails stops only itself; the job
 * fails, and a restart resumes each lane where it stopped.
 */
@Configuration(proxyBeanMethods = false)
class IngestJobConfiguration {

    static final String JOB = "ingestJob";
    /** The drop folder, absolute. */
    static final String SOURCE = "source";
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
            @Value("${compliance.ingest.chunk-size}") int chunkSize) {
        Function<RecordKind, Step> steps = kind -> {
            // rows are read and checked one chunk ahead of the one being stored
            KindStep parts = new KindStep(kind, dsl, loadLog, drops, chunkSize);
            return new StepBuilder(KindStep.stepName(kind), jobRepository)
                    .<ParsedRow, ParsedRow>chunk(chunkSize)
                    .transactionManager(transactionManager)
                    .reader(parts)
                    .writer(parts)
                    .listener(parts)
                    .build();
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
        return new JobBuilder(JOB, jobRepository)
                .start(new FlowBuilder<Flow>("openLoads").start(openLoads).build())
                .next(sequence("context", CONTEXT, steps))
                .next(allLanes)
                .end()
                .build();
    }

    private static Flow sequence(String name, List<RecordKind> kinds, Function<RecordKind, Step> steps) {
        FlowBuilder<Flow> flow = new FlowBuilder<Flow>(name).start(steps.apply(kinds.getFirst()));
        for (RecordKind kind : kinds.subList(1, kinds.size())) {
            flow = flow.next(steps.apply(kind));
        }
        return flow.build();
    }
}
