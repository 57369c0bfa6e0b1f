package kr.compliance.ingest;

import java.time.Instant;

/** A source row after validation: a record to store, or a rejection to keep. */
sealed interface ParsedRow {

    long line();

    /**
     * A valid record.
     *
     * @param key the record's id, or the values of its key columns joined, to spot a second row for
     *     the same record
     * @param text the stored values as one line of {@code LOAD DATA} text, without its line end:
     *     the columns of {@link RecordKind#columns()}, the derived keys, the SHA-256 of the values
     *     (equal content, equal hash) and the source line
     */
    record Accepted(long line, String key, byte[] text) implements ParsedRow {}

    /**
     * A rejected row, kept with the file.
     *
     * @param column the first bad column
     * @param reason every problem of the row
     * @param raw the record as CSV, as it is kept
     * @param referenceTime the row's date when it could still be read, to place it in a period
     */
    record Rejected(long line, String column, String reason, RejectedRaw raw, Instant referenceTime)
            implements ParsedRow {}
}
