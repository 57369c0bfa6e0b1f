package kr.compliance.ingest;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What one file's load did to its rows. Kept in the step's execution context, which Spring Batch
 * saves in the same transaction as each chunk, so a restarted load counts on where it stopped.
 */
public record LoadCounts(long read, long inserted, long unchanged, long revised, long rejected) {

    static final LoadCounts NONE = new LoadCounts(0, 0, 0, 0, 0);

    LoadCounts plus(LoadCounts other) {
        return new LoadCounts(
                read + other.read,
                inserted + other.inserted,
                unchanged + other.unchanged,
                revised + other.revised,
                rejected + other.rejected);
    }

    static LoadCounts from(ExecutionContext context) {
        return new LoadCounts(
                context.getLong("rows.read", 0L),
                context.getLong("rows.inserted", 0L),
                context.getLong("rows.unchanged", 0L),
                context.getLong("rows.revised", 0L),
                context.getLong("rows.rejected", 0L));
    }

    void into(ExecutionContext context) {
        context.putLong("rows.read", read);
        context.putLong("rows.inserted", inserted);
        context.putLong("rows.unchanged", unchanged);
        context.putLong("rows.revised", revised);
        context.putLong("rows.rejected", rejected);
    }
}
