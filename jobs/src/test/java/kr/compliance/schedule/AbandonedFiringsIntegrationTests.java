package kr.compliance.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A firing left {@code RUNNING} by a server that died is failed once its scheduler instance has
 * left the Quartz cluster; the firings of members still checking in, and finished ones, are not
 * touched.
 */
@SpringBootTest
class AbandonedFiringsIntegrationTests {

    private static final String CLUSTER = "abandoned-firings-test";

    @Autowired
    ScheduledRuns firings;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void oneLiveMemberAndOneThatDied() {
        jdbc.update("DELETE FROM scheduled_run_job");
        jdbc.update("DELETE FROM scheduled_run");
        jdbc.update("DELETE FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?", CLUSTER);
        jdbc.update(
                "INSERT INTO QRTZ_SCHEDULER_STATE (SCHED_NAME, INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL)"
                        + " VALUES (?, 'live-host-1', ?, 7500)",
                CLUSTER,
                System.currentTimeMillis());
        firing("nightly", "live-host-1", ScheduledRuns.RUNNING);
        firing("nightly", "dead-host-1", ScheduledRuns.RUNNING);
        firing("quarterly", "dead-host-1", ScheduledRuns.COMPLETED);
    }

    @Test
    void onlyTheRunningFiringOfTheMemberThatLeftIsFailedSayingWhy() {
        assertThat(firings.failAbandoned(CLUSTER)).isEqualTo(1);

        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(scheduler_instance, ' ', status) FROM scheduled_run ORDER BY scheduled_run_id",
                        String.class))
                .containsExactly("live-host-1 RUNNING", "dead-host-1 FAILED", "dead-host-1 COMPLETED");
        assertThat(jdbc.queryForObject("SELECT error_message FROM scheduled_run WHERE status = 'FAILED'", String.class))
                .isEqualTo("the server running it (scheduler instance dead-host-1) stopped before the run ended;"
                        + " its jobs resume on their next run");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM scheduled_run WHERE status = 'FAILED' AND finished_at IS NOT NULL",
                        Long.class))
                .isEqualTo(1L);
        assertThat(firings.failAbandoned(CLUSTER))
                .as("a second sweep finds nothing left")
                .isZero();
    }

    private void firing(String schedule, String instance, String status) {
        jdbc.update(
                "INSERT INTO scheduled_run (schedule_name, fire_instance_id, started_at, scheduler_instance, status)"
                        + " VALUES (?, ?, ?, ?, ?)",
                schedule,
                instance + "-" + schedule,
                Timestamp.from(Instant.parse("2026-11-30T18:00:00Z")),
                instance,
                status);
    }
}
