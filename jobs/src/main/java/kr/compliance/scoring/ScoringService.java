package kr.compliance.scoring;

import static kr.compliance.store.jooq.Tables.REQUIREMENT_SCORE;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import kr.compliance.scoring.policy.Policy;
import kr.compliance.scoring.policy.PolicyFile;
import kr.compliance.store.AdvisoryLock;
import kr.compliance.store.Quarter;
import kr.compliance.store.Zones;
import kr.compliance.store.jooq.tables.records.ScoringRunRecord;
import org.jooq.DSLContext;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
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
 * returns the run already made instead of making a twin.
 */
@Service
public class ScoringService {

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
            JobParameters parameters = new JobParametersBuilder()
                    .addString("period", period.toString())
                    .addString("asOf", asOf.toString())
                    .addLong("evidenceLoadId", evidenceLoadId)
                    .addString("policySha256", policy.sha256())
                    .addLong(ScoreJobConfiguration.RUN_ID, runId, false)
                    .toJobParameters();
            JobExecution execution = launch(parameters, runId);
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                throw new ScoringFailedException(
                        "scoring run " + runId + " failed: " + runs.run(runId).getErrorMessage());
            }
            return result(runId);
        }
    }

    private JobExecution launch(JobParameters parameters, long runId) {
        JobExecution last = jobRepository.getLastJobExecution(ScoreJobConfiguration.JOB, parameters);
        try {
            JobExecution execution = last == null
                    ? jobOperator.start(scoreJob, parameters)
                    : jobOperator.restart(orphanedOrFailed(last));
            runs.attach(runId, execution.getId());
            return execution;
        } catch (Exception e) {
            throw new ScoringFailedException("the scoring run could not start: " + e.getMessage(), e);
        }
    }

    /** An execution left running by a dead process (we hold the lock, so nobody runs it) can be restarted. */
    private JobExecution orphanedOrFailed(JobExecution last) {
        if (last.getStatus().isRunning()) {
            last.getStepExecutions().stream()
                    .filter(step -> step.getStatus().isRunning())
                    .forEach(step -> {
                        step.setStatus(BatchStatus.FAILED);
                        step.setEndTime(java.time.LocalDateTime.now());
                        jobRepository.update(step);
                    });
            last.setStatus(BatchStatus.FAILED);
            last.setEndTime(java.time.LocalDateTime.now());
            jobRepository.update(last);
        }
        return last;
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
                .sorted(java.util.Comparator.comparing(
                        score -> score.requirement().equals(Requirement.OVERALL) ? "R9" : score.requirement()))
                .toList();
        return new Result(runId, run.getJobExecutionId(), run.getAsOf(), run.getPolicyVersion(), ordered);
    }
}
