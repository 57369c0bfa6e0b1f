package kr.compliance.pack;

import static kr.compliance.store.jooq.Tables.ACTION_ITEM;
import static kr.compliance.store.jooq.Tables.CHANGE_RECORD;
import static kr.compliance.store.jooq.Tables.INCIDENT;
import static kr.compliance.store.jooq.Tables.NOTIFICATION;
import static kr.compliance.store.jooq.Tables.POSTMORTEM;
import static kr.compliance.store.jooq.Tables.RUNBOOK;
import static kr.compliance.store.jooq.Tables.TEST_RUN;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;

/** The evidence record files of a pack, in the order they appear, with the table each comes from. */
enum EvidenceKind {
    CHANGES("changes.csv", CHANGE_RECORD, CHANGE_RECORD.CHANGE_ID),
    TESTS("tests.csv", TEST_RUN, TEST_RUN.TEST_RUN_ID),
    INCIDENTS("incidents.csv", INCIDENT, INCIDENT.INCIDENT_ID),
    NOTIFICATIONS("notifications.csv", NOTIFICATION, NOTIFICATION.NOTIFICATION_ID),
    POSTMORTEMS("postmortems.csv", POSTMORTEM, POSTMORTEM.POSTMORTEM_ID),
    ACTION_ITEMS("action_items.csv", ACTION_ITEM, ACTION_ITEM.ACTION_ITEM_ID),
    RUNBOOKS("runbooks.csv", RUNBOOK, RUNBOOK.RUNBOOK_ID, RUNBOOK.VERSION);

    /** Bookkeeping columns of the store that say nothing to a reader of the pack. */
    private static final Set<String> HIDDEN = Set.of("superseded_by_load", "content_hash");

    private final String entryName;
    private final Table<?> table;
    private final List<Field<String>> ids;

    @SafeVarargs
    EvidenceKind(String entryName, Table<?> table, Field<String>... ids) {
        this.entryName = entryName;
        this.table = table;
        this.ids = List.of(ids);
    }

    String entryName() {
        return entryName;
    }

    Table<?> table() {
        return table;
    }

    Field<String> id() {
        return ids.getFirst();
    }

    /** The columns written: every source column and its revision, not the upper-cased keys. */
    List<Field<?>> columns() {
        return Arrays.stream(table.fields())
                .filter(f -> !HIDDEN.contains(f.getName()) && !f.getName().endsWith("_key"))
                .toList();
    }

    /** Id (and version), then revision: one line per record, in a stable order. */
    List<SortField<?>> order() {
        List<SortField<?>> order =
                new java.util.ArrayList<>(ids.stream().map(Field::asc).toList());
        order.add(table.field("revision").asc());
        return order;
    }
}
