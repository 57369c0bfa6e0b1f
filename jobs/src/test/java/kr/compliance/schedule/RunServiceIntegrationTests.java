package kr.compliance.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest
class RunServiceIntegrationTests {

    @Autowired
    RunService runs;

    @Autowired
    BatchJobRunner runner;

    @Autowired
    BatchJobLookup jobs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    private RunService.RunStatus awaitFinished(long runId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            RunService.RunStatus status = runs.status(Long.toString(runId));
            if (!status.status().equals("RUNNING")) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " did not finish in time");
    }

    @Test
    void aRunRequestedWhileOneOfThePeriodRunsIsRefusedAndNotRecorded() {
        Integer before =
                jdbc.queryForObject("SELECT COUNT(*) FROM requested_run WHERE period = '2031Q2'", Integer.class);
        // another server of the cluster is running 2031Q2 (it holds the period's database lock)
        try (var running = runner.lockPeriod("2031Q2", Duration.ZERO)) {
            assertThatThrownBy(() -> runs.start("2031q2", "officer"))
                    .isInstanceOf(RunAlreadyActiveException.class)
                    .hasMessageContaining("2031Q2");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM requested_run WHERE period = '2031Q2'", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void theRunHoldsThePeriodUntilItEndsAndAFailureIsShownWithItsError() throws Exception {
        assumeFalse(jobs.find(BatchJobs.SCORE).isPresent(), "without the scoring capability on the branch");
        long runId = runs.start("2031Q3", "officer");

        RunService.RunStatus status = awaitFinished(runId);

        assertThat(status.runId()).isEqualTo(runId);
        assertThat(status.period()).isEqualTo("2031Q3");
        assertThat(status.requestedBy()).isEqualTo("officer");
        assertThat(status.status()).isEqualTo("FAILED");
        assertThat(status.error()).contains("no Batch job named 'scoreJob' is defined");
        assertThat(status.finishedAt()).isNotNull();
        assertThat(json.writeValueAsString(status)).contains("\"run_id\":" + runId, "\"steps_done\"");
        // the failed run let go of the period: the next request is accepted
        long next = runs.start("2031Q3", "officer");
        assertThat(next).isGreaterThan(runId);
        awaitFinished(next);
    }

    @Test
    void aBadPeriodOrAnUnknownRunIsRefused() {
        assertThatThrownBy(() -> runs.start("2031-Q3", "officer"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026Q3");
        assertThatThrownBy(() -> runs.status("999999999")).isInstanceOf(UnknownRunException.class);
        assertThatThrownBy(() -> runs.status("1 OR 1=1")).isInstanceOf(UnknownRunException.class);
    }
}
