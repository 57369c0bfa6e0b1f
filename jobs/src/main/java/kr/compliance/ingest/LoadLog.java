package kr.compliance.ingest;

import static kr.compliance.store.jooq.Tables.INGEST_LOAD;
import static kr.compliance.store.jooq.Tables.REJECTED_RECORD;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kr.compliance.store.GeneratedKeys;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The record of every load ({@code ingest_load}) and of every row it rejected. */
@Repository
class LoadLog {

    /**
     * Raw text a statement takes before the next begins: with one raw text of 16 MiB on top, and
     * the driver's escaping doubling the worst of it, a statement stays below the 64 MiB MySQL
     * allows by default.
     */
    private static final long STATEMENT_CHARACTERS = 1L << 20;

    private final DSLContext dsl;

    LoadLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    long begin(long jobExecutionId, SourceFile file) {
        return GeneratedKeys.insert(
                dsl,
                tx -> tx.insertInto(INGEST_LOAD)
                        .set(INGEST_LOAD.JOB_EXECUTION_ID, jobExecutionId)
                        .set(INGEST_LOAD.SOURCE_NAME, file.sourceName())
                        .set(INGEST_LOAD.FILE_NAME, file.kind().fileName())
                        .set(INGEST_LOAD.RECORD_KIND, file.kind().name())
                        .set(INGEST_LOAD.FILE_SHA256, file.sha256())
                        .set(INGEST_LOAD.ENCODING, file.charset().name())
                        .set(INGEST_LOAD.SOURCE_ZONE, file.sourceZone().getId())
                        .set(INGEST_LOAD.STATUS, "STARTED")
                        .set(INGEST_LOAD.STARTED_AT, Instant.now())
                        .set(INGEST_LOAD.UNKNOWN_COLUMNS, file.unknownColumnsText()));
    }

    void finish(long loadId, String status, LoadCounts counts) {
        dsl.update(INGEST_LOAD)
                .set(INGEST_LOAD.STATUS, status)
                .set(INGEST_LOAD.FINISHED_AT, Instant.now())
                .set(INGEST_LOAD.ROWS_READ, counts.read())
                .set(INGEST_LOAD.ROWS_INSERTED, counts.inserted())
                .set(INGEST_LOAD.ROWS_UNCHANGED, counts.unchanged())
                .set(INGEST_LOAD.ROWS_REVISED, counts.revised())
                .set(INGEST_LOAD.ROWS_REJECTED, counts.rejected())
                .where(INGEST_LOAD.LOAD_ID.eq(loadId))
                .execute();
    }

    /**
     * Keeps the rejections; the same row of the same file rejected again is kept once. Rows go in
     * a few at a time when their raw texts are long, so no statement outgrows the server's packet
     * limit ({@code max_allowed_packet}): a raw text may be up to 16 MiB.
     */
    void reject(long loadId, String fileName, List<ParsedRow.Rejected> rows) {
        List<ParsedRow.Rejected> statement = new ArrayList<>();
        long statementCharacters = 0;
        for (ParsedRow.Rejected row : rows) {
            statement.add(row);
            statementCharacters += row.raw().text().length();
            if (statementCharacters >= STATEMENT_CHARACTERS) {
                insert(loadId, fileName, statement);
                statement.clear();
                statementCharacters = 0;
            }
        }
        if (!statement.isEmpty()) {
            insert(loadId, fileName, statement);
        }
    }

    private void insert(long loadId, String fileName, List<ParsedRow.Rejected> rows) {
        var insert = dsl.insertInto(
                REJECTED_RECORD,
                REJECTED_RECORD.LOAD_ID,
                REJECTED_RECORD.FILE_NAME,
                REJECTED_RECORD.LINE_NO,
                REJECTED_RECORD.COLUMN_NAME,
                REJECTED_RECORD.REASON,
                REJECTED_RECORD.RAW_RECORD,
                REJECTED_RECORD.RAW_SHA256,
                REJECTED_RECORD.RAW_BYTES,
                REJECTED_RECORD.RAW_CUT,
                REJECTED_RECORD.REFERENCE_TIME);
        for (ParsedRow.Rejected row : rows) {
            insert = insert.values(
                    loadId,
                    fileName,
                    row.line(),
                    row.column(),
                    truncate(row.reason(), 4000),
                    row.raw().text(),
                    row.raw().sha256(),
                    row.raw().bytes(),
                    row.raw().cut(),
                    row.referenceTime());
        }
        // not INSERT IGNORE: that would also turn a value the column cannot hold into a warning and
        // store it cut; only the duplicate is let pass
        insert.onDuplicateKeyUpdate()
                .set(REJECTED_RECORD.REJECTION_ID, REJECTED_RECORD.REJECTION_ID)
                .execute();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
