package kr.compliance.pack;

import static kr.compliance.store.jooq.Tables.CHANGE_RECORD;
import static kr.compliance.store.jooq.Tables.CONTROL_EXCEPTION;
import static kr.compliance.store.jooq.Tables.FINDING;
import static kr.compliance.store.jooq.Tables.INCIDENT;
import static kr.compliance.store.jooq.Tables.REJECTED_RECORD;
import static kr.compliance.store.jooq.Tables.REQUIREMENT_SCORE;
import static kr.compliance.store.jooq.Tables.RUNBOOK;
import static kr.compliance.store.jooq.Tables.SCORING_RUN;
import static kr.compliance.store.jooq.Tables.TEST_RUN;

import java.math.BigDecimal;
import java.time.Instant;
import kr.compliance.scoring.policy.DefaultPolicy;
import org.jooq.DSLContext;

/** Rows a scoring run and the loads before it would have written, inserted directly. */
final class PackFixtures {

    static final Instant Q3_START = Instant.parse("2026-06-30T15:00:00Z");
    static final Instant Q3_END = Instant.parse("2026-09-30T15:00:00Z");
    static final Instant AS_OF = Instant.parse("2026-10-02T00:00:00Z");

    private PackFixtures() {}

    static long run(DSLContext dsl, String period, Instant start, Instant end, long loadId, String status) {
        dsl.insertInto(SCORING_RUN)
                .set(SCORING_RUN.PERIOD, period)
                .set(SCORING_RUN.PERIOD_START, start)
                .set(SCORING_RUN.PERIOD_END, end)
                .set(SCORING_RUN.REPORT_ZONE, "Asia/Seoul")
                .set(SCORING_RUN.AS_OF, end.plusSeconds(86_400 + 32_400))
                .set(SCORING_RUN.EVIDENCE_LOAD_ID, loadId)
                .set(SCORING_RUN.POLICY_VERSION, "2026.1")
                .set(SCORING_RUN.POLICY_SHA256, "a".repeat(64))
                .set(SCORING_RUN.POLICY_CONTENT, DefaultPolicy.content())
                .set(SCORING_RUN.STATUS, status)
                .set(SCORING_RUN.STARTED_AT, end.plusSeconds(86_400 + 32_400))
                .execute();
        return dsl.select(org.jooq.impl.DSL.max(SCORING_RUN.RUN_ID))
                .from(SCORING_RUN)
                .fetchSingle()
                .value1();
    }

    static void score(
            DSLContext dsl, long runId, String requirement, long pass, long fail, String score, String rating) {
        dsl.insertInto(REQUIREMENT_SCORE)
                .set(REQUIREMENT_SCORE.RUN_ID, runId)
                .set(REQUIREMENT_SCORE.REQUIREMENT, requirement)
                .set(REQUIREMENT_SCORE.PASS_COUNT, pass)
                .set(REQUIREMENT_SCORE.FAIL_COUNT, fail)
                .set(REQUIREMENT_SCORE.EXCEPTION_COUNT, 0L)
                .set(REQUIREMENT_SCORE.PENDING_COUNT, 0L)
                .set(REQUIREMENT_SCORE.SCORE, score == null ? null : new BigDecimal(score))
                .set(REQUIREMENT_SCORE.RATING, rating)
                .execute();
    }

    static void finding(
            DSLContext dsl,
            long runId,
            String control,
            String subject,
            String status,
            String reason,
            String refs,
            String exceptionId) {
        dsl.insertInto(FINDING)
                .set(FINDING.RUN_ID, runId)
                .set(FINDING.CONTROL_ID, control)
                .set(FINDING.SUBJECT_ID, subject)
                .set(FINDING.REQUIREMENT, control.substring(0, 2))
                .set(FINDING.SUBJECT_TYPE, control.startsWith("R1") || control.startsWith("R2") ? "CHANGE" : "INCIDENT")
                .set(FINDING.STATUS, status)
                .set(FINDING.REASON, reason)
                .set(FINDING.EVIDENCE_REFS, refs)
                .set(FINDING.REFERENCE_TIME, Instant.parse("2026-07-20T01:02:00Z"))
                .set(FINDING.EXCEPTION_ID, exceptionId)
                .execute();
    }

    static void change(
            DSLContext dsl,
            String id,
            int revision,
            long loadId,
            Long supersededBy,
            String summary,
            Instant startedAt) {
        dsl.insertInto(CHANGE_RECORD)
                .set(CHANGE_RECORD.CHANGE_ID, id)
                .set(CHANGE_RECORD.REVISION, revision)
                .set(CHANGE_RECORD.LOAD_ID, loadId)
                .set(CHANGE_RECORD.SUPERSEDED_BY_LOAD, supersededBy)
                .set(CHANGE_RECORD.CONTENT_HASH, new byte[32])
                .set(CHANGE_RECORD.SOURCE_LINE, 2L)
                .set(CHANGE_RECORD.SERVICE, "카카오톡")
                .set(CHANGE_RECORD.DATA_CENTER, "DC-A")
                .set(CHANGE_RECORD.DATA_CENTER_KEY, "DC-A")
                .set(CHANGE_RECORD.CHANGE_TYPE, "UPDATE")
                .set(CHANGE_RECORD.SCALE, "MAJOR")
                .set(CHANGE_RECORD.DESTRUCTIVE, false)
                .set(CHANGE_RECORD.SUMMARY, summary)
                .set(CHANGE_RECORD.REQUESTED_BY, "kim")
                .set(CHANGE_RECORD.STARTED_AT, startedAt)
                .execute();
    }

    static void test(DSLContext dsl, String id, String changeId, long loadId, Instant startedAt) {
        dsl.insertInto(TEST_RUN)
                .set(TEST_RUN.TEST_RUN_ID, id)
                .set(TEST_RUN.REVISION, 1)
                .set(TEST_RUN.LOAD_ID, loadId)
                .set(TEST_RUN.CONTENT_HASH, new byte[32])
                .set(TEST_RUN.SOURCE_LINE, 2L)
                .set(TEST_RUN.CHANGE_ID, changeId)
                .set(TEST_RUN.ENVIRONMENT, "staging")
                .set(TEST_RUN.ENV_PARITY, new BigDecimal("0.950000000000"))
                .set(TEST_RUN.SCOPE, "FULL")
                .set(TEST_RUN.STARTED_AT, startedAt)
                .set(TEST_RUN.FINISHED_AT, startedAt.plusSeconds(600))
                .set(TEST_RUN.RESULT, "PASS")
                .execute();
    }

    static void incident(DSLContext dsl, String id, String causeChange, long loadId, Instant startedAt) {
        dsl.insertInto(INCIDENT)
                .set(INCIDENT.INCIDENT_ID, id)
                .set(INCIDENT.REVISION, 1)
                .set(INCIDENT.LOAD_ID, loadId)
                .set(INCIDENT.CONTENT_HASH, new byte[32])
                .set(INCIDENT.SOURCE_LINE, 2L)
                .set(INCIDENT.SERVICE, "talk")
                .set(INCIDENT.DATA_CENTER, "DC-A")
                .set(INCIDENT.DATA_CENTER_KEY, "DC-A")
                .set(INCIDENT.SEVERITY, "SEV1")
                .set(INCIDENT.TITLE, "메시지 전송 지연")
                .set(INCIDENT.INCIDENT_TYPE, "network")
                .set(INCIDENT.INCIDENT_TYPE_KEY, "NETWORK")
                .set(INCIDENT.STARTED_AT, startedAt)
                .set(INCIDENT.DETECTED_AT, startedAt.plusSeconds(120))
                .set(INCIDENT.USERS_AFFECTED_PCT, new BigDecimal("8.5"))
                .set(INCIDENT.DETECTION_SOURCE, "MONITORING")
                .set(INCIDENT.CAUSE_CHANGE_ID, causeChange)
                .execute();
    }

    static void runbook(DSLContext dsl, String id, String roles, long loadId) {
        dsl.insertInto(RUNBOOK)
                .set(RUNBOOK.RUNBOOK_ID, id)
                .set(RUNBOOK.VERSION, "3")
                .set(RUNBOOK.REVISION, 1)
                .set(RUNBOOK.LOAD_ID, loadId)
                .set(RUNBOOK.CONTENT_HASH, new byte[32])
                .set(RUNBOOK.SOURCE_LINE, 2L)
                .set(RUNBOOK.INCIDENT_TYPE, "network")
                .set(RUNBOOK.INCIDENT_TYPE_KEY, "NETWORK")
                .set(RUNBOOK.ROLES, roles)
                .set(RUNBOOK.LAST_REVIEWED_AT, Instant.parse("2026-03-01T00:00:00Z"))
                .execute();
    }

    static void exception(DSLContext dsl, String id, String control, String subject, long loadId) {
        dsl.insertInto(CONTROL_EXCEPTION)
                .set(CONTROL_EXCEPTION.EXCEPTION_ID, id)
                .set(CONTROL_EXCEPTION.REVISION, 1)
                .set(CONTROL_EXCEPTION.LOAD_ID, loadId)
                .set(CONTROL_EXCEPTION.CONTENT_HASH, new byte[32])
                .set(CONTROL_EXCEPTION.SOURCE_LINE, 2L)
                .set(CONTROL_EXCEPTION.CONTROL_ID, control)
                .set(CONTROL_EXCEPTION.CONTROL_KEY, control)
                .set(CONTROL_EXCEPTION.SUBJECT_ID, subject)
                .set(CONTROL_EXCEPTION.REASON, "긴급 보안 패치")
                .set(CONTROL_EXCEPTION.APPROVED_BY, "park")
                .set(CONTROL_EXCEPTION.VALID_FROM, Instant.parse("2026-07-01T00:00:00Z"))
                .set(CONTROL_EXCEPTION.VALID_UNTIL, Instant.parse("2026-07-31T00:00:00Z"))
                .execute();
    }

    static void rejection(DSLContext dsl, long loadId, long line, String raw, Instant referenceTime) {
        dsl.insertInto(REJECTED_RECORD)
                .set(REJECTED_RECORD.LOAD_ID, loadId)
                .set(REJECTED_RECORD.FILE_NAME, "changes.csv")
                .set(REJECTED_RECORD.LINE_NO, line)
                .set(REJECTED_RECORD.COLUMN_NAME, "started_at")
                .set(REJECTED_RECORD.REASON, "started_at: not a timestamp")
                .set(REJECTED_RECORD.RAW_RECORD, raw)
                .set(REJECTED_RECORD.RAW_SHA256, PackManifest.sha256Hex(raw + line))
                .set(REJECTED_RECORD.REFERENCE_TIME, referenceTime)
                .execute();
    }
}
