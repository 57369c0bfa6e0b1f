package kr.compliance.store;

import static kr.compliance.store.jooq.Tables.SUBMISSION;

import java.time.Instant;
import org.jooq.DSLContext;

/** A row of the submission ledger as {@code submit} writes it, for tests of what reads the ledger. */
public final class LedgerRows {

    private LedgerRows() {}

    /** Records run {@code runId} as the submission of {@code period} (hashes are placeholders). */
    public static long submission(DSLContext dsl, String period, long runId, Instant at) {
        return GeneratedKeys.insert(
                dsl,
                tx -> tx.insertInto(SUBMISSION)
                        .set(SUBMISSION.PERIOD, period)
                        .set(SUBMISSION.RUN_ID, runId)
                        .set(SUBMISSION.SUBMITTED_BY, "officer")
                        .set(SUBMISSION.SUBMITTED_AT, at)
                        .set(SUBMISSION.LANG, "ko")
                        .set(SUBMISSION.PACK_SHA256, "a".repeat(64))
                        .set(SUBMISSION.MANIFEST_SHA256, "b".repeat(64))
                        .set(
                                SUBMISSION.ROW_SHA256,
                                Long.toHexString(runId).repeat(64).substring(0, 64)));
    }
}
