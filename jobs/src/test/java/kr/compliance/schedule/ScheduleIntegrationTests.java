package kr.compliance.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The Spring-managed, clustered Quartz scheduler starting the real {@code probeJob} through {@link ScheduledBatchJob}. */
@SpringBootTest
class ScheduleIntegrationTests {

    @Autowired
    Scheduler scheduler;

    @Autowired
    ScheduleService schedule;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    ScheduleProperties properties;

    @BeforeEach
    void startScheduler() throws Exception {
        ProbeJobs.createTable(jdbc);
        jdbc.update("DELETE FROM schedule_probe");
        jdbc.update("DELETE FROM scheduled_run_job");
        jdbc.update("DELETE FROM scheduled_run");
        scheduler.start();
    }

    @AfterEach
    void stopScheduler() throws Exception {
        scheduler.standby();
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(ScheduleRegistrar.GROUP))) {
            scheduler.deleteJob(key);
        }
    }

    private void addProbe(String name, Map<String, String> parameters) throws Exception {
        JobDataMap data = new JobDataMap();
        data.put(SchedulePlans.PLAN, SchedulePlans.Plan.BATCH.name());
        data.put(SchedulePlans.BATCH_JOB, ProbeJobs.PROBE_JOB);
        data.putAll(parameters);
        scheduler.addJob(
                JobBuilder.newJob(ScheduledBatchJob.class)
                        .withIdentity(name, ScheduleRegistrar.GROUP)
                        .usingJobData(data)
                        .storeDurably()
                        .build(),
                true);
    }

    private void awaitFinishedRuns(String name, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Integer finished = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM scheduled_run WHERE schedule_name = ? AND status <> 'RUNNING'",
                    Integer.class,
                    name);
            if (finished >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the scheduled run(s) of " + name + " did not finish in time");
    }

    private int probeRuns(String probe) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM schedule_probe WHERE probe = ?", Integer.class, probe);
    }

    @Test
    void aJobFiredOnDemandRunsExactlyOnce() throws Exception {
        addProbe("probe-once", Map.of("probe", "once"));

        schedule.trigger("probe-once");
        awaitFinishedRuns("probe-once", 1);
        Thread.sleep(1500); // nothing else fires later

        assertThat(probeRuns("once")).isEqualTo(1);
        assertThat(jdbc.queryForList(
                        "SELECT status FROM scheduled_run WHERE schedule_name = 'probe-once'", String.class))
                .containsExactly("COMPLETED");
        assertThat(jdbc.queryForObject(
                        "SELECT job_name FROM scheduled_run_job j JOIN scheduled_run r USING (scheduled_run_id) "
                                + "WHERE r.schedule_name = 'probe-once'",
                        String.class))
                .isEqualTo(ProbeJobs.PROBE_JOB);
        assertThat(schedule.jobs())
                .filteredOn(job -> job.name().equals("probe-once"))
                .singleElement()
                .satisfies(job -> assertThat(job.lastRun().status()).isEqualTo("COMPLETED"));
    }

    @Test
    void anUnknownJobIsRefused() {
        assertThatThrownBy(() -> schedule.trigger("no-such-job"))
                .isInstanceOf(UnknownScheduleException.class)
                .hasMessageContaining("no-such-job");
    }

    @Test
    void aFailedRunIsRecordedWithItsErrorAndTheNextRunStillRuns() throws Exception {
        addProbe("probe-flaky", Map.of("probe", "flaky"));

        scheduler.triggerJob(ScheduleRegistrar.jobKey("probe-flaky"), new JobDataMap(Map.of("fail", "true")));
        awaitFinishedRuns("probe-flaky", 1);
        ScheduleService.LastRun failed = schedule.jobs().stream()
                .filter(job -> job.name().equals("probe-flaky"))
                .findFirst()
                .orElseThrow()
                .lastRun();
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.error()).contains("probeJob").contains("probe flaky was told to fail");

        schedule.trigger("probe-flaky");
        awaitFinishedRuns("probe-flaky", 2);
        assertThat(jdbc.queryForList(
                        "SELECT status FROM scheduled_run WHERE schedule_name = 'probe-flaky' ORDER BY scheduled_run_id",
                        String.class))
                .containsExactly("FAILED", "COMPLETED");
        assertThat(probeRuns("flaky")).isEqualTo(2);
    }

    @Test
    void aJobFiredWhileItRunsWaitsAndNeverRunsTwiceAtOnce() throws Exception {
        addProbe("probe-slow", Map.of("probe", "slow", "sleepMs", "1500"));

        schedule.trigger("probe-slow");
        schedule.trigger("probe-slow");
        awaitFinishedRuns("probe-slow", 2);

        List<Map<String, Object>> runs = jdbc.queryForList(
                "SELECT started_at, finished_at FROM schedule_probe WHERE probe = 'slow' ORDER BY started_at");
        assertThat(runs).hasSize(2);
        var firstFinished = (LocalDateTime) runs.get(0).get("finished_at");
        var secondStarted = (LocalDateTime) runs.get(1).get("started_at");
        assertThat(secondStarted).isAfterOrEqualTo(firstFinished);
    }

    @Test
    void registeringTheSchedulesAgainKeepsAnUnchangedTriggerAndReplacesAChangedOne() throws Exception {
        var job = ScheduleRegistrar.jobDetail(ScheduleRegistrar.NIGHTLY, SchedulePlans.Plan.NIGHTLY);
        ScheduleRegistrar.register(
                scheduler,
                job,
                ScheduleRegistrar.cronTrigger(
                        "nightly", "0 0 2 * * ?", "Asia/Seoul", Instant.now().minus(Duration.ofDays(2))));
        var first = scheduler.getTrigger(org.quartz.TriggerKey.triggerKey("nightly", ScheduleRegistrar.GROUP));

        ScheduleRegistrar.register(
                scheduler, job, ScheduleRegistrar.cronTrigger("nightly", "0 0 2 * * ?", "Asia/Seoul", Instant.now()));
        var unchanged = scheduler.getTrigger(first.getKey());
        // the stored trigger was kept: same start time, so a missed 02:00 would still be due
        assertThat(unchanged.getStartTime()).isEqualTo(first.getStartTime());

        ScheduleRegistrar.register(
                scheduler, job, ScheduleRegistrar.cronTrigger("nightly", "0 30 3 * * ?", "UTC", Instant.now()));
        assertThat(schedule.jobs())
                .filteredOn(j -> j.name().equals("nightly"))
                .singleElement()
                .satisfies(j -> {
                    assertThat(j.cron()).isEqualTo("0 30 3 * * ?");
                    assertThat(j.zone()).isEqualTo("UTC");
                    assertThat(j.nextFireTime()).isAfter(Instant.now());
                    assertThat(j.lastRun()).isNull();
                });
        assertThat(json.writeValueAsString(schedule.schedule())).contains("\"next_fire_time\"", "\"recent_alerts\"");
    }

    @Test
    void serveRegistersTheNightlyAndQuarterlySchedulesOfTheConfiguration() {
        new ScheduleRegistrar(scheduler, properties).run(null);

        assertThat(schedule.jobs())
                .extracting(
                        ScheduleService.ScheduledJob::name,
                        ScheduleService.ScheduledJob::cron,
                        ScheduleService.ScheduledJob::zone)
                .containsExactly(
                        tuple("nightly", "0 0 2 * * ?", "Asia/Seoul"),
                        tuple("quarterly", "0 0 6 1 1,4,7,10 ?", "Asia/Seoul"));
    }
}
