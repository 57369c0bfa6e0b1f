package kr.compliance.schedule;

import static kr.compliance.store.jooq.Tables.TEST_RUN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import kr.compliance.store.EvidenceTables;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The nightly plan with two configured sources, the first of which is down: the second still loads
 * and the scoring still runs, and the firing ends failed, naming the source that could not be read.
 */
@SpringBootTest(
        properties = {
            "compliance.sources.a-itsm.type=jdbc",
            "compliance.sources.a-itsm.jdbc.url=jdbc:mysql://127.0.0.1:1/itsm",
            "compliance.sources.a-itsm.jdbc.queries.changes.sql=SELECT change_id, updated_at FROM change_log",
            "compliance.sources.a-itsm.jdbc.queries.changes.watermark=updated_at",
            "compliance.sources.b-ci.type=junit",
            "compliance.sources.b-ci.junit.folder=src/test/resources/sources/junit"
        })
class NightlySourcesIntegrationTests {

    private static final String NAME = "nightly-with-sources";

    @Autowired
    Scheduler scheduler;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DSLContext dsl;

    @AfterEach
    void stopScheduler() throws Exception {
        scheduler.standby();
        scheduler.deleteJob(ScheduleRegistrar.jobKey(NAME));
    }

    @Test
    void aSourceThatIsDownStopsNeitherTheOtherSourcesNorTheScoring() throws Exception {
        EvidenceTables.clear(dsl);
        jdbc.update("DELETE FROM scheduled_run_job");
        jdbc.update("DELETE FROM scheduled_run");
        scheduler.start();
        scheduler.addJob(ScheduleRegistrar.jobDetail(NAME, SchedulePlans.Plan.NIGHTLY), true);

        scheduler.triggerJob(ScheduleRegistrar.jobKey(NAME));
        awaitFinishedRun();

        var run = jdbc.queryForMap("SELECT status, error_message FROM scheduled_run WHERE schedule_name = ?", NAME);
        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat((String) run.get("error_message"))
                .contains("source 'a-itsm' failed: reading jdbc:mysql://127.0.0.1:1/itsm")
                .doesNotContain("b-ci");
        assertThat(jdbc.queryForList("SELECT job_name FROM scheduled_run_job ORDER BY job_execution_id", String.class))
                .containsExactly("ingestJob", "scoreJob");
        assertThat(dsl.fetchCount(TEST_RUN)).isEqualTo(4);
    }

    private void awaitFinishedRun() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            Integer finished = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM scheduled_run WHERE schedule_name = ? AND status <> 'RUNNING'",
                    Integer.class,
                    NAME);
            if (finished > 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the nightly run did not finish in time");
    }
}
