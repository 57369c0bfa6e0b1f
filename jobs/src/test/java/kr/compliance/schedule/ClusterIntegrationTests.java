package kr.compliance.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kr.compliance.ChildJvm;
import kr.compliance.store.StoreUrls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The job store's clustering and misfire handling, with plain Quartz schedulers on the test
 * database: one in this JVM and one in a second JVM started from the test class path.
 */
@SpringBootTest
class ClusterIntegrationTests {

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyCounts() {
        jdbc.execute(CountingJob.createTableSql());
        jdbc.update("DELETE FROM schedule_fire");
    }

    private JobDetail countingJob(String name) {
        return JobBuilder.newJob(CountingJob.class)
                .withIdentity(name, "probe")
                .usingJobData(CountingJob.JDBC_URL, StoreUrls.withAccount(dataSource))
                .storeDurably()
                .build();
    }

    private Map<String, Long> firesPerTrigger() {
        Map<String, Long> fires = new java.util.TreeMap<>();
        jdbc.query("SELECT trigger_name, COUNT(*) FROM schedule_fire GROUP BY trigger_name", row -> {
            fires.put(row.getString(1), row.getLong(2));
        });
        return fires;
    }

    private long fires() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM schedule_fire", Long.class);
    }

    private void awaitFires(long count, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (fires() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }

    @Test
    void twoSchedulersInTwoJvmsFireEachTriggerExactlyOnce() throws Exception {
        String name = "cluster-probe";
        List<String> command = new ArrayList<>(ChildJvm.command(ClusterMember.class.getName(), List.of()));
        command.addAll(List.of(name, dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword()));
        Process other = new ProcessBuilder(command).redirectErrorStream(true).start();
        Scheduler here = StandaloneScheduler.create(
                name, dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword(), 60_000);
        try {
            var output = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.startsWith("started "));
            assertThat(line).as("the second JVM's scheduler started").isNotNull();
            here.start();
            here.clear();

            JobDetail job = countingJob("count");
            here.addJob(job, true);
            Date at = Date.from(Instant.now().plusSeconds(3));
            int triggers = 8;
            for (int i = 0; i < triggers; i++) {
                here.scheduleJob(TriggerBuilder.newTrigger()
                        .withIdentity("t" + i, "probe")
                        .forJob(job)
                        .startAt(at)
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                        .build());
            }
            awaitFires(triggers, Duration.ofSeconds(40));
            Thread.sleep(3000); // a duplicate would show up by now

            Map<String, Long> fires = firesPerTrigger();
            assertThat(fires).hasSize(triggers);
            assertThat(fires.values()).containsOnly(1L);
            List<String> members = jdbc.queryForList(
                    "SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?", String.class, name);
            assertThat(members).as("both schedulers checked in to one cluster").hasSize(2);
        } finally {
            here.clear();
            here.shutdown(true);
            other.getOutputStream().close();
            if (!other.waitFor(30, TimeUnit.SECONDS)) {
                other.destroy();
            }
        }
    }

    @Test
    void aMissedCronFiresOnceWhenTheSchedulerIsBack() throws Exception {
        Scheduler scheduler = StandaloneScheduler.create(
                "misfire-probe", dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword(), 1000);
        try {
            scheduler.clear();
            JobDetail job = countingJob("nightly-missed");
            scheduler.addJob(job, true);
            // the trigger of the nightly schedule, stored three days ago: three 02:00 runs were missed
            var trigger = ScheduleRegistrar.cronTrigger(
                    "missed", "0 0 2 * * ?", "Asia/Seoul", Instant.now().minus(Duration.ofDays(3)));
            scheduler.scheduleJob(trigger.getTriggerBuilder().forJob(job).build());

            scheduler.start();
            awaitFires(1, Duration.ofSeconds(30));
            Thread.sleep(3000); // the other missed runs would fire by now

            assertThat(firesPerTrigger()).containsExactly(Map.entry("missed", 1L));
            Instant next =
                    scheduler.getTrigger(trigger.getKey()).getNextFireTime().toInstant();
            assertThat(next).isAfter(Instant.now());
        } finally {
            scheduler.clear();
            scheduler.shutdown(true);
        }
    }
}
