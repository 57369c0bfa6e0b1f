package kr.compliance.ingest;

import java.time.Instant;

/** A source row after validation: a record to store, or a rejection to keep. */
sealed interface ParsedRow {

    long line();

    /**
     * A valid record.
     *
     * @param values the stored values, in the order of {@link RecordKind#columns()}
     * @param key the values of the key columns, joined, to spot a second row for the same record
     * @param contentHash SHA-256 of the values: equal content, equal hash
     */
    record Accepted(long line, Object[] values, String key, String contentHash) implements ParsedRow {}

    /**
     * A rejected row, kept with the file.
     *
     * @param column the first bad column
     * @param reason every problem of the row
     * @param raw the record as CSV
     * @param referenceTime the row's date when it could still be read, to place it in a period
     */
    record Rejected(long line, String column, String reason, String raw, Instant referenceTime) implements ParsedRow {}
}
