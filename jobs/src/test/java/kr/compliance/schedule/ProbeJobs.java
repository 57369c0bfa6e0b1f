package kr.compliance.schedule;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A small real Batch job for the scheduler's tests ({@code probeJob}): records each run in
 * {@code schedule_probe} (start and end), and can be told to sleep ({@code sleepMs}) or fail
 * ({@code fail=true}). A plain {@code @Configuration}, so every test shares one application context.
 */
@Configuration(proxyBeanMethods = false)
class ProbeJobs {

    static final String PROBE_JOB = "probeJob";

    static void createTable(JdbcTemplate jdbc) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS schedule_probe (probe VARCHAR(100) NOT NULL, "
                + "execution_id BIGINT NOT NULL, started_at DATETIME(6) NOT NULL, finished_at DATETIME(6) NULL)");
    }

    @Bean(PROBE_JOB)
    Job probeJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, DataSource dataSource) {
        var step = new StepBuilder("probeStep", jobRepository)
                .tasklet(
                        (contribution, chunk) -> {
                            var parameters = contribution.getStepExecution().getJobParameters();
                            long executionId = contribution.getStepExecution().getJobExecutionId();
                            String probe = parameters.getString("probe");
                            record(
                                    dataSource,
                                    "INSERT INTO schedule_probe (started_at, probe, execution_id) VALUES (?, ?, ?)",
                                    probe,
                                    executionId);
                            String sleep = parameters.getString("sleepMs");
                            if (sleep != null) {
                                Thread.sleep(Long.parseLong(sleep));
                            }
                            record(
                                    dataSource,
                                    "UPDATE schedule_probe SET finished_at = ? WHERE probe = ? AND execution_id = ?",
                                    probe,
                                    executionId);
                            if ("true".equals(parameters.getString("fail"))) {
                                throw new IllegalStateException("probe " + probe + " was told to fail");
                            }
                            return RepeatStatus.FINISHED;
                        },
                        transactionManager)
                .build();
        return new JobBuilder(PROBE_JOB, jobRepository).start(step).build();
    }

    /** Written outside the step's transaction, so a failing probe still leaves its trace. */
    private static void record(DataSource dataSource, String sql, String probe, long executionId) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(true);
            statement.setTimestamp(1, Timestamp.from(Instant.now()));
            statement.setString(2, probe);
            statement.setLong(3, executionId);
            statement.executeUpdate();
        }
    }
}
