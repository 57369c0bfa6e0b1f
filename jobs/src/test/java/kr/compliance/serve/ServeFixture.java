package kr.compliance.serve;

import static kr.compliance.store.jooq.Tables.*;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import kr.compliance.ingest.IngestService;
import kr.compliance.scoring.policy.DefaultPolicy;
import kr.compliance.store.EvidenceTables;
import org.jooq.DSLContext;

/** Rows as scoring, ingest and pack would leave them, inserted directly, and one user per role. */
final class ServeFixture {

    static final String PASSWORD = "correct horse battery";

    /** Every web test class names these same properties, so they share one context and one database. */
    static final String HOME = "compliance.store.home=target/test-home-web";

    /** Locks short enough to wait out in a test. */
    static final String SHORT_LOCK = "compliance.serve.login-throttle.first-lock=PT2S";

    private ServeFixture() {}

    static void load(DSLContext dsl, Users users) throws Exception {
        EvidenceTables.clear(dsl);
        dsl.truncate(ACCESS_LOG).execute();
        dsl.truncate(LOGIN_THROTTLE).execute();
        if (!dsl.fetchExists(APP_USER)) {
            for (Role role : Role.values()) {
                users.add(role.name().toLowerCase(), role, PASSWORD.toCharArray(), false);
            }
        }
        Instant start = Instant.parse("2026-07-10T01:00:00Z");
        run(dsl, 1L, "COMPLETED");
        // a later failed run must not hide the completed one
        run(dsl, 2L, "FAILED");
        for (String requirement : new String[] {"OVERALL", "R1", "R2", "R3", "R4", "R5", "R6"}) {
            dsl.insertInto(REQUIREMENT_SCORE)
                    .set(REQUIREMENT_SCORE.RUN_ID, 1L)
                    .set(REQUIREMENT_SCORE.REQUIREMENT, requirement)
                    .set(REQUIREMENT_SCORE.PASS_COUNT, 1L)
                    .set(REQUIREMENT_SCORE.FAIL_COUNT, 1L)
                    .set(REQUIREMENT_SCORE.EXCEPTION_COUNT, 0L)
                    .set(REQUIREMENT_SCORE.PENDING_COUNT, 0L)
                    .set(REQUIREMENT_SCORE.SCORE, new BigDecimal("50.0"))
                    .set(REQUIREMENT_SCORE.RATING, "RED")
                    .execute();
        }
        for (int i = 1; i <= 12; i++) {
            finding(dsl, 1L, "R1.1", "CHG-" + i, i % 3 == 0 ? "FAIL" : "PASS", "reason " + i);
        }
        finding(dsl, 1L, "R2.3", "CHG-1", "FAIL", "=HYPERLINK(\"x\") SEV1 incident INC-1 open");
        finding(dsl, 2L, "R1.1", "CHG-99", "FAIL", "from the failed run");
        // R2.3 cites the incident it judged open, as the control does
        dsl.update(FINDING)
                .set(FINDING.EVIDENCE_REFS, "CHG-1;INC-1")
                .where(FINDING.RUN_ID.eq(1L), FINDING.CONTROL_ID.eq("R2.3"))
                .execute();
        change(dsl, "CHG-1", 1, 1L, 2L, "old summary", start);
        change(dsl, "CHG-1", 2, 2L, null, "new summary", start);
        dsl.insertInto(TEST_RUN)
                .set(TEST_RUN.TEST_RUN_ID, "T-1")
                .set(TEST_RUN.REVISION, 1)
                .set(TEST_RUN.LOAD_ID, 1L)
                .set(TEST_RUN.CONTENT_HASH, new byte[32])
                .set(TEST_RUN.SOURCE_LINE, 2L)
                .set(TEST_RUN.CHANGE_ID, "CHG-1")
                .set(TEST_RUN.ENVIRONMENT, "staging")
                .set(TEST_RUN.SCOPE, "E2E")
                .set(TEST_RUN.STARTED_AT, start.minusSeconds(7200))
                .set(TEST_RUN.FINISHED_AT, start.minusSeconds(3600))
                .set(TEST_RUN.RESULT, "PASSED")
                .execute();
        dsl.insertInto(INCIDENT)
                .set(INCIDENT.INCIDENT_ID, "INC-1")
                .set(INCIDENT.REVISION, 1)
                .set(INCIDENT.LOAD_ID, 1L)
                .set(INCIDENT.CONTENT_HASH, new byte[32])
                .set(INCIDENT.SOURCE_LINE, 2L)
                .set(INCIDENT.SERVICE, "talk")
                .set(INCIDENT.DATA_CENTER, "DC-A")
                .set(INCIDENT.DATA_CENTER_KEY, "DC-A")
                .set(INCIDENT.SEVERITY, "SEV1")
                .set(INCIDENT.INCIDENT_TYPE, "network")
                .set(INCIDENT.INCIDENT_TYPE_KEY, "NETWORK")
                .set(INCIDENT.STARTED_AT, start.minusSeconds(600))
                .set(INCIDENT.DETECTED_AT, start.minusSeconds(300))
                .set(INCIDENT.USERS_AFFECTED_PCT, new BigDecimal("80"))
                .set(INCIDENT.DETECTION_SOURCE, "MONITORING")
                .execute();
        Path pack = Files.createDirectories(Path.of("target", "serve-packs")).resolve("compliance-pack-2026Q3.zip");
        Files.write(pack, new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        dsl.insertInto(EVIDENCE_PACK)
                .set(EVIDENCE_PACK.RUN_ID, 1L)
                .set(EVIDENCE_PACK.PERIOD, "2026Q3")
                .set(EVIDENCE_PACK.LANG, "ko")
                .set(EVIDENCE_PACK.FILE_PATH, pack.toAbsolutePath().toString())
                .set(EVIDENCE_PACK.SIZE_BYTES, Files.size(pack))
                .set(EVIDENCE_PACK.SHA256, "0".repeat(64))
                .set(EVIDENCE_PACK.CREATED_AT, Instant.now())
                .execute();
    }

    /** Ingests a drop (written to a fresh folder) whose change and test ids hold the drop format's / and %. */
    static void ingestOddIds(IngestService ingest) throws Exception {
        Path drop = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "odd-ids-");
        Files.writeString(
                drop.resolve("changes.csv"),
                "change_id,service,data_center,change_type,scale,destructive,summary,requested_by,approved_by,"
                        + "approved_at,window_start,window_end,started_at,ended_at,outcome,rollback_plan\n"
                        + ODD_CHANGE + ",talk,DC-A,UPDATE,MINOR,false,odd id,kim,,,,,2026-07-02T01:00:00Z,,,\n");
        Files.writeString(
                drop.resolve("tests.csv"),
                "test_run_id,change_id,environment,env_parity,scope,started_at,finished_at,result,tests_total,"
                        + "tests_failed\n"
                        + ODD_TEST + "," + ODD_CHANGE
                        + ",staging,0.9,E2E,2026-07-01T14:00+09:00,2026-07-01T15:00+09:00,PASSED,10,0\n");
        ingest.ingest(drop, null, Duration.ZERO);
    }

    static final String ODD_CHANGE = "CHG/7%2F";
    static final String ODD_TEST = "T/1%";

    static void run(DSLContext dsl, long runId, String status) {
        dsl.insertInto(SCORING_RUN)
                .set(SCORING_RUN.RUN_ID, runId)
                .set(SCORING_RUN.PERIOD, "2026Q3")
                .set(SCORING_RUN.PERIOD_START, Instant.parse("2026-06-30T15:00:00Z"))
                .set(SCORING_RUN.PERIOD_END, Instant.parse("2026-09-30T15:00:00Z"))
                .set(SCORING_RUN.REPORT_ZONE, "Asia/Seoul")
                .set(SCORING_RUN.AS_OF, Instant.parse("2026-10-01T00:00:00Z"))
                .set(SCORING_RUN.EVIDENCE_LOAD_ID, 1L)
                .set(SCORING_RUN.POLICY_VERSION, "1")
                .set(SCORING_RUN.POLICY_SHA256, "0".repeat(64))
                .set(SCORING_RUN.POLICY_CONTENT, DefaultPolicy.content())
                .set(SCORING_RUN.STATUS, status)
                .set(SCORING_RUN.STARTED_AT, Instant.parse("2026-10-01T00:00:00Z"))
                .execute();
    }

    private static void finding(
            DSLContext dsl, long run, String control, String subject, String status, String reason) {
        dsl.insertInto(FINDING)
                .set(FINDING.RUN_ID, run)
                .set(FINDING.CONTROL_ID, control)
                .set(FINDING.SUBJECT_ID, subject)
                .set(FINDING.REQUIREMENT, control.substring(0, 2))
                .set(FINDING.SUBJECT_TYPE, "CHANGE")
                .set(FINDING.STATUS, status)
                .set(FINDING.REASON, reason)
                .set(FINDING.EVIDENCE_REFS, subject)
                .set(FINDING.REFERENCE_TIME, Instant.parse("2026-07-10T01:00:00Z"))
                .execute();
    }

    private static void change(
            DSLContext dsl, String id, int revision, long load, Long supersededBy, String summary, Instant start) {
        dsl.insertInto(CHANGE_RECORD)
                .set(CHANGE_RECORD.CHANGE_ID, id)
                .set(CHANGE_RECORD.REVISION, revision)
                .set(CHANGE_RECORD.LOAD_ID, load)
                .set(CHANGE_RECORD.SUPERSEDED_BY_LOAD, supersededBy)
                .set(CHANGE_RECORD.CONTENT_HASH, new byte[32])
                .set(CHANGE_RECORD.SOURCE_LINE, 2L)
                .set(CHANGE_RECORD.SERVICE, "talk")
                .set(CHANGE_RECORD.DATA_CENTER, "dc-a ")
                .set(CHANGE_RECORD.DATA_CENTER_KEY, "DC-A")
                .set(CHANGE_RECORD.CHANGE_TYPE, "UPDATE")
                .set(CHANGE_RECORD.SCALE, "MAJOR")
                .set(CHANGE_RECORD.DESTRUCTIVE, false)
                .set(CHANGE_RECORD.SUMMARY, summary)
                .set(CHANGE_RECORD.REQUESTED_BY, "kim")
                .set(CHANGE_RECORD.STARTED_AT, start)
                .execute();
    }
}
