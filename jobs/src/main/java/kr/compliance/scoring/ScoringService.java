package kr.compliance.scoring;

import static kr.compliance.store.jooq.Tables.REQUIREMENT_SCORE;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import kr.compliance.scoring.policy.Policy;
import kr.compliance.scoring.policy.PolicyFile;
import kr.compliance.store.AdvisoryLock;
import kr.compliance.store.JobEntry;
import kr.compliance.store.JobStarts;
import kr.compliance.store.Quarter;
import kr.compliance.store.Zones;
import kr.compliance.store.jooq.tables.records.ScoringRunRecord;
import org.jooq.DSLContext;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * Scores a period: evaluates every control for every subject and stores the findings and scores
 * under a new, append-only scoring run. The same period, as-of, evidence and policy scored again
 * returns the run already made instead of making a twin. This is the scoring's entry ({@link JobEntry}):
 * the evidence load and policy a run judges are resolved, and its run record opened, under the
 * evidence lock before the job starts, because they are what names the job's instance.
 */
@Service
public class ScoringService implements JobEntry {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job scoreJob;
    private final ScoringRuns runs;
    private final DataSource dataSource;
    private final DSLContext dsl;
    private final Resource policyFile;
    private final Zones zones;

    ScoringService(
            JobOperator jobOperator,
            JobRepository jobRepository,
            Job scoreJob,
            ScoringRuns runs,
            DataSource dataSource,
            DSLContext dsl,
            @Value("${compliance.scoring.policy-file}") Resource policyFile,
            Zones zones) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.scoreJob = scoreJob;
        this.runs = runs;
        this.dataSource = dataSource;
        this.dsl = dsl;
        this.policyFile = policyFile;
        this.zones = zones;
    }

    /**
     * The result of a scoring run: its id, the Batch execution that made it, and its score rows
     * (R1..R6, then OVERALL).
     */
    public record Result(long runId, Long jobExecutionId, Instant asOf, String policyVersion, List<Score> scores) {}

    @Override
    public String jobName() {
        return scoreJob.getName();
    }

    /** Scores the {@link ScoreRequest} in {@code request}: the scheduler's way in. */
    @Override
    public long run(JobParameters request, Duration lockWait) {
        ScoreRequest score = ScoreRequest.of(request);
        return score(score.period(), score.asOf(), lockWait).jobExecutionId();
    }

    /**
     * Scores {@code period} as of {@code asOf}.
     *
     * @param lockWait how long to wait for an ingest or another scoring run to finish
     */
    public Result score(Quarter period, Instant asOf, Duration lockWait) {
        Policy policy = PolicyFile.read(policyFile);
        runs.requireOneContentPerVersion(policy);
        try (AdvisoryLock lock = AdvisoryLock.acquire(dataSource, AdvisoryLock.EVIDENCE, lockWait)) {
            long evidenceLoadId = runs.latestFinishedLoad();
            ScoringRunRecord existing =
                    runs.sameRun(period, asOf, evidenceLoadId, policy).orElse(null);
            if (existing != null && "COMPLETED".equals(existing.getStatus())) {
                return result(existing.getRunId());
            }
            long runId;
            if (existing != null) {
                runId = existing.getRunId();
                runs.retry(runId);
            } else {
                runId = runs.open(period, zones.report(), asOf, evidenceLoadId, policy);
            }
            JobParameters parameters = new JobParametersBuilder(new ScoreRequest(period, asOf).toJobParameters())
                    .addLong("evidenceLoadId", evidenceLoadId)
                    .addString("policySha256", policy.sha256())
                    .addLong(ScoreJobConfiguration.RUN_ID, runId, false)
                    .toJobParameters();
            JobExecution execution;
            try {
                execution = JobStarts.startOrResume(jobOperator, jobRepository, scoreJob, parameters)
                        .execution();
            } catch (JobExecutionException e) {
                throw new ScoringFailedException("the scoring run could not start: " + e.getMessage(), e);
            }
            runs.attach(runId, execution.getId());
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                throw new ScoringFailedException(
                        "scoring run " + runId + " failed: " + runs.run(runId).getErrorMessage());
            }
            return result(runId);
        }
    }

    /** A completed run's scores as stored. */
    public Result result(long runId) {
        ScoringRunRecord run = runs.run(runId);
        List<Score> scores = dsl.selectFrom(REQUIREMENT_SCORE)
                .where(REQUIREMENT_SCORE.RUN_ID.eq(runId))
                .fetch(row -> new Score(
                        row.getRequirement(),
                        row.getPassCount(),
                        row.getFailCount(),
                        row.getExceptionCount(),
                        row.getPendingCount(),
                        row.getScore(),
                        row.getRating(),
                        null));
        List<Score> ordered = scores.stream()
                .sorted(Comparator.comparing(
                                (Score score) -> score.requirement().equals(Requirement.OVERALL))
                        .thenComparing(Score::requirement))
                .toList();
        return new Result(runId, run.getJobExecutionId(), run.getAsOf(), run.getPolicyVersion(), ordered);
    }
}
