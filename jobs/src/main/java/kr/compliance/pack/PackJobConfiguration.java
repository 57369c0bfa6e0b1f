package kr.compliance.pack;

import java.nio.file.Path;
import java.util.Map;
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
 * name. Parameters: {@code period} and {@code lang} (identifying), {@code outDir} (optional,
 * default {@code $COMPLIANCE_HOME/packs}). The step's exit description names the file; its write
 * count is the records written into the CSV entries.
 */
@Configuration(proxyBeanMethods = false)
class PackJobConfiguration {

    @Bean
    Job packJob(JobRepository jobRepository, Step packStep) {
        return new JobBuilder("packJob", jobRepository).start(packStep).build();
    }

    @Bean
    Step packStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, PackService packs) {
        return new StepBuilder("packStep", jobRepository)
                .tasklet(
                        (contribution, chunkContext) -> {
                            Map<String, Object> parameters =
                                    chunkContext.getStepContext().getJobParameters();
                            Object outDir = parameters.get("outDir");
                            PackService.PackResult result = packs.pack(
                                    (String) parameters.get("period"),
                                    outDir == null ? null : Path.of(outDir.toString()),
                                    (String) parameters.getOrDefault("lang", "ko"));
                            chunkContext
                                    .getStepContext()
                                    .getStepExecution()
                                    .getExecutionContext()
                                    .putString("packFile", result.file().toString());
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
