package kr.compliance.schedule;

import static kr.compliance.store.jooq.Tables.INGEST_LOAD;
import static kr.compliance.store.jooq.Tables.RUNBOOK;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import kr.compliance.store.EvidenceTables;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A scheduled ingest reads an encoding name as {@code ingest --encoding} does: "CP949" is the code
 * page Korean Windows exports are written in, not Java's IBM code page of that name.
 */
@SpringBootTest
class ScheduledIngestEncodingIntegrationTests {

    /** "똠" and "햏" exist only in Microsoft's code page 949: IBM's 949 refuses their bytes. */
    private static final String KOREAN_TITLE = "똠방각하 햏 데이터센터 장애 대응";

    private static final String NAME = "ingest-korean-export";

    @Autowired
    Scheduler scheduler;

    @Autowired
    ScheduleService schedule;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DSLContext dsl;

    Path drop;

    @BeforeEach
    void koreanWindowsExport() throws Exception {
        EvidenceTables.clear(dsl);
        jdbc.update("DELETE FROM scheduled_run_job");
        jdbc.update("DELETE FROM scheduled_run");
        Files.createDirectories(Path.of("target"));
        drop = Files.createTempDirectory(Path.of("target"), "korean-drop-");
        Files.writeString(
                drop.resolve("runbooks.csv"),
                "runbook_id,version,incident_type,title,last_reviewed_at\n" + "RB-1,1,DC_FAILURE," + KOREAN_TITLE
                        + ",2026-05-01T10:00+09:00\n",
                Charset.forName("x-windows-949"));
        scheduler.start();
    }

    @AfterEach
    void stopScheduler() throws Exception {
        scheduler.standby();
        scheduler.deleteJob(ScheduleRegistrar.jobKey(NAME));
    }

    @Test
    void aScheduledIngestWithEncodingCp949LoadsAKoreanWindowsExport() throws Exception {
        Map<String, Object> run = runScheduledIngest("CP949");

        assertThat(run.get("status")).as("run %s", run).isEqualTo("COMPLETED");
        assertThat(dsl.fetchValue(RUNBOOK.TITLE)).isEqualTo(KOREAN_TITLE);
        assertThat(dsl.fetchValue(INGEST_LOAD.ENCODING)).isEqualTo("x-windows-949");
    }

    @Test
    void anUnknownEncodingFailsTheRunSayingWhatToName() throws Exception {
        Map<String, Object> run = runScheduledIngest("KLINGON-1");

        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat((String) run.get("error_message"))
                .contains("unknown encoding 'KLINGON-1': name a charset such as UTF-8, CP949 (Korean Windows)");
        assertThat(dsl.fetchCount(RUNBOOK)).isZero();
    }

    private Map<String, Object> runScheduledIngest(String encoding) throws Exception {
        JobDataMap data = new JobDataMap();
        data.put(SchedulePlans.PLAN, SchedulePlans.Plan.BATCH.name());
        data.put(SchedulePlans.BATCH_JOB, BatchJobs.INGEST);
        data.put("source", drop.toAbsolutePath().toString());
        data.put("encoding", encoding);
        scheduler.addJob(
                JobBuilder.newJob(ScheduledBatchJob.class)
                        .withIdentity(NAME, ScheduleRegistrar.GROUP)
                        .usingJobData(data)
                        .storeDurably()
                        .build(),
                true);

        schedule.trigger(NAME);

        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            var finished = jdbc.queryForList(
                    "SELECT status, error_message FROM scheduled_run WHERE schedule_name = ? AND status <> 'RUNNING'",
                    NAME);
            if (!finished.isEmpty()) {
                return finished.getFirst();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the scheduled ingest did not finish in time");
    }
}
