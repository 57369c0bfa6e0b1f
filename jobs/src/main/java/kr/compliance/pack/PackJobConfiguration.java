package kr.compliance.pack;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code packJob}: the pack of a period as a Batch job, so the scheduler and the API start it by
 * name. Parameters: {@code period}, {@code lang} and {@code requestedAt} (identifying), {@code runId},
 * {@code outDir} (default {@code $COMPLIANCE_HOME/packs}) and {@code submission} (a run being
 * submitted), all optional; see {@link PackRequest}. The step's exit description names the file; its write
 * count is the records written into the CSV entries.
 */
@Configuration(proxyBeanMethods = false)
class PackJobConfiguration {

    /** Where the step's execution context names the zip it wrote, and the run it packed. */
    static final String PACK_FILE = "packFile";

    static final String RUN_ID = "runId";
    static final String PACK_SIZE = "packSize";
    static final String PACK_SHA256 = "packSha256";
    static final String MANIFEST_SHA256 = "manifestSha256";
    static final String ROWS = "rows";

    @Bean
    Job packJob(JobRepository jobRepository, Step packStep) {
        return new JobBuilder(PackRequest.JOB, jobRepository).start(packStep).build();
    }

    @Bean
    Step packStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, PackService packs) {
        return new StepBuilder("packStep", jobRepository)
                .tasklet(
                        (contribution, chunkContext) -> {
                            var step = chunkContext.getStepContext().getStepExecution();
                            PackRequest request = PackRequest.of(step.getJobParameters());
                            PackService.PackResult result = packs.pack(
                                    request.period(),
                                    request.runId(),
                                    request.outDir(),
                                    request.lang(),
                                    request.submission());
                            step.getExecutionContext()
                                    .putString(PACK_FILE, result.file().toString());
                            step.getExecutionContext()
                                    .putLong(RUN_ID, result.run().runId());
                            step.getExecutionContext().putLong(PACK_SIZE, result.size());
                            step.getExecutionContext().putString(PACK_SHA256, result.sha256());
                            step.getExecutionContext().putString(MANIFEST_SHA256, result.manifestSha256());
                            step.getExecutionContext()
                                    .putLong(
                                            ROWS,
                                            result.manifest().entries().stream()
                                                    .mapToLong(PackManifest.Entry::rows)
                                                    .sum());
                            // a tasklet counts its own work: the records written into the pack's CSV entries
                            contribution.incrementWriteCount(result.manifest().csvRows());
                            contribution.setExitStatus(contribution
                                    .getExitStatus()
                                    .addExitDescription(result.file().toString()));
                            return RepeatStatus.FINISHED;
                        },
                        transactionManager)
                .build();
    }
}
