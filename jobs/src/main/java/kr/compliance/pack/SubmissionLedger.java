package kr.compliance.pack;

import static kr.compliance.store.jooq.Tables.SUBMISSION;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import kr.compliance.store.GeneratedKeys;
import kr.compliance.store.Quarter;
import kr.compliance.store.jooq.tables.records.SubmissionRecord;
import org.apache.commons.codec.digest.DigestUtils;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * The append-only {@code submission} table (docs/pack.md, "Submission"): rows are added, never
 * changed. Each names the row before it (any period) by {@link #rowSha256 its hash}, and the
 * submitted pack's manifest before it by the manifest's SHA-256, so the ledger and the submitted
 * packs are each one hash chain.
 */
@Repository
public class SubmissionLedger {

    /**
     * What the first row ever names as the row before it: not null, which a unique index lets any
     * number of rows share, so a second "first" row is refused like any other fork.
     */
    static final String FIRST_ROW_PREVIOUS = "0".repeat(64);

    private final DSLContext dsl;

    SubmissionLedger(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** One ledger row as stored. */
    public record Row(
            long submissionId,
            String period,
            long runId,
            String submittedBy,
            Instant submittedAt,
            String reason,
            Long amendsSubmissionId,
            String lang,
            String packSha256,
            String manifestSha256,
            String previousManifestSha256,
            String previousRowSha256,
            String rowSha256) {}

    /** The last row of all (the chain's end), if any submission was ever made. */
    public Optional<Row> last() {
        return latestWhere(org.jooq.impl.DSL.noCondition());
    }

    /** The period's current submission: its latest row. */
    public Optional<Row> latestOfPeriod(Quarter period) {
        return latestWhere(SUBMISSION.PERIOD.eq(period.toString()));
    }

    /** The run's own submission, if it was ever submitted (a run is submitted at most once). */
    public Optional<Row> ofRun(long runId) {
        return latestWhere(SUBMISSION.RUN_ID.eq(runId));
    }

    private Optional<Row> latestWhere(Condition condition) {
        return dsl.selectFrom(SUBMISSION)
                .where(condition)
                .orderBy(SUBMISSION.SUBMISSION_ID.desc())
                .limit(1)
                .fetchOptional(SubmissionLedger::row);
    }

    private Optional<Row> byId(long submissionId) {
        return latestWhere(SUBMISSION.SUBMISSION_ID.eq(submissionId));
    }

    /**
     * What the pack of the row's run says of its submission, read back from the row: the same
     * object the pack was first made with, so a re-made pack has the sent bytes.
     */
    Submission submissionOf(Row row, ZoneId zone) {
        Submission.Amends amends = row.amendsSubmissionId() == null
                ? null
                : amends(byId(row.amendsSubmissionId()).orElseThrow(), zone);
        return new Submission(
                row.period(),
                row.runId(),
                row.submittedBy(),
                Submission.time(row.submittedAt(), zone),
                row.reason(),
                amends,
                row.previousManifestSha256());
    }

    /** How a pack names the earlier submission it replaces. */
    static Submission.Amends amends(Row amended, ZoneId zone) {
        return new Submission.Amends(
                amended.runId(),
                amended.submittedBy(),
                Submission.time(amended.submittedAt(), zone),
                amended.manifestSha256());
    }

    /**
     * Appends a row after {@code previous} (null: the first row ever, which names
     * {@link #FIRST_ROW_PREVIOUS}). The caller holds the
     * submission lock; the unique previous-row hash refuses a second successor all the same.
     */
    Row append(
            Row previous,
            String period,
            long runId,
            String submittedBy,
            Instant submittedAt,
            String reason,
            Long amendsSubmissionId,
            String lang,
            String packSha256,
            String manifestSha256) {
        String previousManifest = previous == null ? null : previous.manifestSha256();
        String previousRow = previous == null ? FIRST_ROW_PREVIOUS : previous.rowSha256();
        Row unsaved = new Row(
                0,
                period,
                runId,
                submittedBy,
                submittedAt,
                reason,
                amendsSubmissionId,
                lang,
                packSha256,
                manifestSha256,
                previousManifest,
                previousRow,
                null);
        String rowSha256 = rowSha256(unsaved);
        long id = GeneratedKeys.insert(
                dsl,
                tx -> tx.insertInto(SUBMISSION)
                        .set(SUBMISSION.PERIOD, period)
                        .set(SUBMISSION.RUN_ID, runId)
                        .set(SUBMISSION.SUBMITTED_BY, submittedBy)
                        .set(SUBMISSION.SUBMITTED_AT, submittedAt)
                        .set(SUBMISSION.REASON, reason)
                        .set(SUBMISSION.AMENDS_SUBMISSION_ID, amendsSubmissionId)
                        .set(SUBMISSION.LANG, lang)
                        .set(SUBMISSION.PACK_SHA256, packSha256)
                        .set(SUBMISSION.MANIFEST_SHA256, manifestSha256)
                        .set(SUBMISSION.PREVIOUS_MANIFEST_SHA256, previousManifest)
                        .set(SUBMISSION.PREVIOUS_ROW_SHA256, previousRow)
                        .set(SUBMISSION.ROW_SHA256, rowSha256));
        return byId(id).orElseThrow();
    }

    /**
     * SHA-256 hex of the row's fields as one compact JSON array, in this order: period, run id,
     * submitted by, submitted at (UTC, {@code 2026-10-10T01:02:03.456789Z}), reason, amended
     * submission id, language, pack SHA-256, manifest SHA-256, previous manifest SHA-256, previous
     * row SHA-256 (numbers as numbers, absent values as {@code null}). The row's own id and hash are
     * left out: the chain, not the id, orders the ledger.
     */
    public static String rowSha256(Row row) {
        List<Object> fields = Arrays.asList(
                row.period(),
                row.runId(),
                row.submittedBy(),
                row.submittedAt().toString(),
                row.reason(),
                row.amendsSubmissionId(),
                row.lang(),
                row.packSha256(),
                row.manifestSha256(),
                row.previousManifestSha256(),
                row.previousRowSha256());
        return DigestUtils.sha256Hex(PackManifest.COMPACT_JSON.writeValueAsString(fields));
    }

    private static Row row(SubmissionRecord r) {
        return new Row(
                r.getSubmissionId(),
                r.getPeriod(),
                r.getRunId(),
                r.getSubmittedBy(),
                r.getSubmittedAt(),
                r.getReason(),
                r.getAmendsSubmissionId(),
                r.getLang(),
                r.getPackSha256(),
                r.getManifestSha256(),
                r.getPreviousManifestSha256(),
                r.getPreviousRowSha256(),
                r.getRowSha256());
    }
}
