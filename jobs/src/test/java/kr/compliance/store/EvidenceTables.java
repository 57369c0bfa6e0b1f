package kr.compliance.store;

import static kr.compliance.store.jooq.Tables.*;

import org.jooq.DSLContext;

/**
 * Integration tests share one embedded server (Spring's context cache); each test that counts rows
 * starts from empty evidence and scoring tables.
 */
public final class EvidenceTables {

    private EvidenceTables() {}

    public static void clear(DSLContext dsl) {
        for (var table : java.util.List.of(
                FINDING,
                REQUIREMENT_SCORE,
                SCORING_RUN,
                EVIDENCE_PACK,
                CHANGE_RECORD,
                TEST_RUN,
                INCIDENT,
                NOTIFICATION,
                POSTMORTEM,
                ACTION_ITEM,
                RUNBOOK,
                CONTROL_EXCEPTION,
                REJECTED_RECORD,
                INGEST_LOAD)) {
            dsl.truncate(table).execute();
        }
    }
}
