package kr.compliance.ingest;

import org.jooq.DSLContext;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code ingestJob}: one chunk-oriented step per file kind, exceptions and runbooks first so a
 * partial load still has the context the other records are judged in. Each chunk's rows, its
 * rejections and its restart position commit together.
 */
@Configuration(proxyBeanMethods = false)
class IngestJobConfiguration {

    static final String JOB = "ingestJob";
    /** The drop folder, absolute. */
    static final String SOURCE = "source";
    /** SHA-256 over the drop's files: the same bytes are the same load. */
    static final String FINGERPRINT = "fingerprint";

    @Bean
    Job ingestJob(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            DSLContext dsl,
            LoadLog loadLog,
            PreparedDrops drops,
            @Value("${compliance.ingest.chunk-size}") int chunkSize) {
        SimpleJobBuilder job = null;
        for (RecordKind kind : RecordKind.values()) {
            KindStep parts = new KindStep(kind, dsl, loadLog, drops);
            Step step = new StepBuilder(KindStep.stepName(kind), jobRepository)
                    .<SourceRow, ParsedRow>chunk(chunkSize)
                    .transactionManager(transactionManager)
                    .reader(parts)
                    .processor(parts)
                    .writer(parts)
                    .listener(parts)
                    .build();
            job = job == null ? new JobBuilder(JOB, jobRepository).start(step) : job.next(step);
        }
        return job.build();
    }
}
