package kr.compliance.scoring;

import java.time.Instant;
import kr.compliance.scoring.controls.Judging;
import kr.compliance.store.Quarter;
import kr.compliance.store.Revisions;
import org.jooq.Condition;
import org.jooq.Table;

/**
 * What one scoring run judges: the subjects of {@code period}, {@code [start, end)} in the report
 * zone, as the evidence stood after load
 * {@code evidenceLoadId}, with {@code judging.asOf()} as "now".
 */
record ScoringScope(long runId, Quarter period, Instant start, Instant end, long evidenceLoadId, Judging judging) {

    Instant asOf() {
        return judging.asOf();
    }

    /** The revision of a record this run sees. */
    Condition visible(Table<?> table) {
        return Revisions.currentAsOfLoad(table, evidenceLoadId);
    }

    /** {@code instant} if it had happened by as-of, else nothing: later events are absent. */
    Instant happened(Instant instant) {
        return judging.happened(instant) ? instant : null;
    }
}
