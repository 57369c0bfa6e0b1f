package kr.compliance.scoring;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The subjects one partition of a control group judges: the ids from {@code from} (inclusive) up to
 * {@code until} (exclusive), in the database's order of ids; a null bound is open. Ranges, not a
 * hash, because each partition's findings then go into a key range of the findings table of their
 * own, so its loads append: findings of hash partitions interleave, and at a million changes the
 * page splits left the table at 2.2 GB against 0.7 GB loaded in key order, slowing the score and
 * every read of it after. Cut by {@link SubjectRanges}, kept in the partition's execution context,
 * so a restart judges exactly the subjects of the first attempt.
 */
record SubjectRange(String from, String until) {

    static final SubjectRange ALL = new SubjectRange(null, null);
    /** No id is at least the empty text and less than it. */
    static final SubjectRange NONE = new SubjectRange("", "");

    private static final String FROM = "subjects.from";
    private static final String UNTIL = "subjects.until";

    /** The condition that keeps this range's ids of {@code id}. */
    Condition condition(Field<String> id) {
        Condition condition = DSL.noCondition();
        if (from != null) {
            condition = condition.and(id.ge(from));
        }
        if (until != null) {
            condition = condition.and(id.lt(until));
        }
        return condition;
    }

    ExecutionContext context() {
        ExecutionContext context = new ExecutionContext();
        if (from != null) {
            context.putString(FROM, from);
        }
        if (until != null) {
            context.putString(UNTIL, until);
        }
        return context;
    }

    /** The range a partition's execution was given: every subject for a step that was not partitioned. */
    static SubjectRange of(ExecutionContext context) {
        return new SubjectRange(
                context.containsKey(FROM) ? context.getString(FROM) : null,
                context.containsKey(UNTIL) ? context.getString(UNTIL) : null);
    }
}
