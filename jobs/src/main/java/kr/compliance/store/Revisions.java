package kr.compliance.store;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Which revision of an evidence record counts. Every record table keeps all revisions; each
 * revision names the load that wrote it ({@code load_id}) and the load that replaced it
 * ({@code superseded_by_load}, empty while it is current).
 */
public final class Revisions {

    private Revisions() {}

    /** The revision current now. */
    public static Condition current(Table<?> table) {
        return supersededBy(table).isNull();
    }

    /**
     * The revision that was current once load {@code loadId} had finished: how a scoring run and
     * its pack see the evidence, whatever was loaded after them.
     */
    public static Condition currentAsOfLoad(Table<?> table, long loadId) {
        Field<Long> superseded = supersededBy(table);
        return loadIdOf(table).le(loadId).and(superseded.isNull().or(superseded.gt(loadId)));
    }

    private static Field<Long> loadIdOf(Table<?> table) {
        return field(table, "load_id");
    }

    private static Field<Long> supersededBy(Table<?> table) {
        return field(table, "superseded_by_load");
    }

    private static Field<Long> field(Table<?> table, String name) {
        Field<Long> field = table.field(name, Long.class);
        if (field == null) {
            throw new IllegalArgumentException(table.getName() + " is not an evidence record table");
        }
        return field;
    }
}
