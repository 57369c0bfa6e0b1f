package kr.compliance.store;

import static kr.compliance.store.jooq.Tables.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.DSLContext;

/**
 * Integration tests share one embedded server (Spring's context cache); each test that counts rows
 * starts from empty evidence and scoring tables, and from an empty Batch job repository, which
 * otherwise remembers drops and runs whose rows were cleared.
 */
public final class EvidenceTables {

    private EvidenceTables() {}

    /** Empties the tables and returns a new, empty drop folder under {@code target/}. */
    public static Path clearWithFreshDrop(DSLContext dsl) throws IOException {
        clear(dsl);
        return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "drop-");
    }

    public static void clear(DSLContext dsl) {
        for (var table : java.util.List.of(
                FINDING,
                REQUIREMENT_SCORE,
                SCORING_RUN,
                EVIDENCE_PACK,
                SUBMISSION,
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
        for (String batchTable : java.util.List.of(
                "BATCH_STEP_EXECUTION_CONTEXT",
                "BATCH_STEP_EXECUTION",
                "BATCH_JOB_EXECUTION_CONTEXT",
                "BATCH_JOB_EXECUTION_PARAMS",
                "BATCH_JOB_EXECUTION",
                "BATCH_JOB_INSTANCE")) {
            dsl.deleteFrom(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name(batchTable)))
                    .execute();
        }
    }
}
