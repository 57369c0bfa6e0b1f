package kr.compliance.ingest;

import static kr.compliance.store.jooq.Tables.INGEST_LOAD;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import kr.compliance.store.AdvisoryLock;
import kr.compliance.store.JobEntry;
import kr.compliance.store.JobStarts;
import kr.compliance.store.KeyPartition;
import kr.compliance.store.Zones;
import org.apache.commons.codec.digest.DigestUtils;
import org.jooq.DSLContext;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Service;

/**
 * Loads a canonical source drop (docs/formats.md). The drop is checked whole first, so a bad file is
 * refused before any row is written; then the {@code ingestJob} loads it under the evidence lock.
 * The same bytes loaded again change nothing; a load that died half-way is resumed where its last
 * chunk committed.
 */
@Service
public class IngestService implements JobEntry {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job ingestJob;
    private final PreparedDrops drops;
    private final DataSource dataSource;
    private final DSLContext dsl;
    private final Zones zones;

    IngestService(
            JobOperator jobOperator,
            JobRepository jobRepository,
            Job ingestJob,
            PreparedDrops drops,
            DataSource dataSource,
            DSLContext dsl,
            Zones zones) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.ingestJob = ingestJob;
        this.drops = drops;
        this.dataSource = dataSource;
        this.dsl = dsl;
        this.zones = zones;
    }

    @Override
    public String jobName() {
        return ingestJob.getName();
    }

    /** Loads the {@link IngestRequest} in {@code request}: the scheduler's way in. */
    @Override
    public long run(JobParameters request, Duration lockWait) {
        IngestRequest ingest = IngestRequest.of(request);
        return ingest(ingest.folder(), ingest.encoding(), lockWait).jobExecutionId();
    }

    /**
     * Loads the drop in {@code folder}.
     *
     * @param encoding the files' encoding, or null for UTF-8
     * @param lockWait how long to wait for another ingest or scoring run to finish
     */
    public IngestSummary ingest(Path folder, Charset encoding, Duration lockWait) {
        List<SourceFile> files = DropPreflight.inspect(folder, encoding, zones.source());
        String fingerprint = fingerprint(files);
        JobParameters parameters = new JobParametersBuilder(
                        new IngestRequest(folder, files.getFirst().charset()).toJobParameters())
                .addString(IngestJobConfiguration.FINGERPRINT, fingerprint)
                .toJobParameters();
        try (AdvisoryLock lock = AdvisoryLock.acquire(dataSource, AdvisoryLock.EVIDENCE, lockWait)) {
            drops.put(fingerprint, files);
            try {
                return run(parameters);
            } finally {
                drops.remove(fingerprint);
            }
        }
    }

    private IngestSummary run(JobParameters parameters) {
        JobStarts.Started started;
        try {
            started = JobStarts.startOrResume(jobOperator, jobRepository, ingestJob, parameters);
        } catch (JobExecutionException e) {
            throw new IngestFailedException("the load could not start: " + e.getMessage(), e);
        }
        JobExecution execution = started.execution();
        if (started.alreadyComplete()) {
            return summary(execution, true);
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            Throwable cause = failureOf(execution);
            throw new IngestFailedException(
                    "the load failed"
                            + (cause == null ? "" : ": " + rootMessage(cause))
                            + "; rows committed so far are kept, and running the same ingest again resumes it",
                    cause);
        }
        refreshStatistics();
        return summary(execution, false);
    }

    /**
     * Why the load failed: a partition's own failure before its kind's step, which only says that
     * a partition failed; else the job's first failure.
     */
    private static Throwable failureOf(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> KeyPartition.isPartitionExecution(step.getStepName()))
                .flatMap(step -> step.getFailureExceptions().stream())
                .findFirst()
                .or(() -> execution.getAllFailureExceptions().stream().findFirst())
                .orElse(null);
    }

    /**
     * A bulk load leaves the optimizer's row estimates far behind (a table of thousands of rows
     * still counted as 17), and scoring's joins are planned from them: refresh them after each load.
     */
    private void refreshStatistics() {
        String tables = Arrays.stream(RecordKind.values())
                .map(kind -> kind.table().getName())
                .distinct()
                .collect(Collectors.joining(", "));
        dsl.execute("ANALYZE TABLE " + tables);
    }

    /** What the load of {@code execution}'s instance wrote, file by file, over all of its attempts. */
    private IngestSummary summary(JobExecution execution, boolean alreadyLoaded) {
        List<Long> executionIds = jobRepository.getJobExecutions(execution.getJobInstance()).stream()
                .map(JobExecution::getId)
                .toList();
        // OpenLoads opens a drop's loads in the order of kinds, whichever lane then runs first
        List<IngestSummary.FileSummary> files = dsl.selectFrom(INGEST_LOAD)
                .where(INGEST_LOAD.JOB_EXECUTION_ID.in(executionIds))
                .orderBy(INGEST_LOAD.LOAD_ID)
                .fetch(load -> new IngestSummary.FileSummary(
                        load.getFileName(),
                        new LoadCounts(
                                load.getRowsRead(),
                                load.getRowsInserted(),
                                load.getRowsUnchanged(),
                                load.getRowsRevised(),
                                load.getRowsRejected()),
                        load.getUnknownColumns()));
        return new IngestSummary(
                IngestRequest.of(execution.getJobParameters()).folder().toString(),
                execution.getId(),
                alreadyLoaded,
                files);
    }

    private static String fingerprint(List<SourceFile> files) {
        StringBuilder drop = new StringBuilder();
        for (SourceFile file : files) {
            drop.append(file.kind().fileName() + "=" + file.sha256() + "@"
                    + file.charset().name() + "@" + file.sourceZone().getId() + ";");
        }
        return DigestUtils.sha256Hex(drop.toString());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
