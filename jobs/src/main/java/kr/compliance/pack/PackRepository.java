package kr.compliance.pack;

import static kr.compliance.store.jooq.Tables.ACTION_ITEM;
import static kr.compliance.store.jooq.Tables.CHANGE_RECORD;
import static kr.compliance.store.jooq.Tables.CONTROL_EXCEPTION;
import static kr.compliance.store.jooq.Tables.INCIDENT;
import static kr.compliance.store.jooq.Tables.NOTIFICATION;
import static kr.compliance.store.jooq.Tables.POSTMORTEM;
import static kr.compliance.store.jooq.Tables.REJECTED_RECORD;
import static kr.compliance.store.jooq.Tables.RUNBOOK;
import static kr.compliance.store.jooq.Tables.TEST_RUN;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import kr.compliance.pack.PackRows.DanglingReference;
import kr.compliance.pack.PackRows.Rejection;
import kr.compliance.pack.PackRows.RevisionCount;
import kr.compliance.pack.PackRows.RoleNote;
import kr.compliance.results.Run;
import kr.compliance.store.Revisions;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.TableField;
import org.springframework.stereotype.Repository;

/**
 * Reads what a pack shows: one scoring run, its findings and scores, and the evidence it saw
 * (every record table at the revision visible to the run's last load). Big results are streamed.
 */
@Repository
class PackRepository {

    private final DSLContext dsl;

    PackRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * The evidence records of the period as the run saw them: changes and incidents that started
     * in it; tests of those changes; notifications and postmortems of those incidents; action
     * items due in the period or belonging to those postmortems; every runbook in force.
     */
    void forEachRecord(EvidenceKind kind, Run run, Consumer<Record> action) {
        stream(
                dsl.select(kind.columns())
                        .from(source(kind, run))
                        .where(visible(kind.table(), run), inPeriod(kind, run))
                        .orderBy(kind.order()),
                action);
    }

    private static Table<?> source(EvidenceKind kind, Run run) {
        return kind == EvidenceKind.TESTS ? testsOfPeriodChanges(run) : kind.table();
    }

    /**
     * Tests joined to their change, read in the tests' own key order: an IN over the period's
     * changes made the server build a million-key set first, and a plain join let it sort millions
     * of joined rows (20 s and more against 4 s at a million changes).
     */
    private static Table<?> testsOfPeriodChanges(Run run) {
        return TEST_RUN.straightJoin(CHANGE_RECORD)
                .on(
                        CHANGE_RECORD.CHANGE_ID.eq(TEST_RUN.CHANGE_ID),
                        visible(CHANGE_RECORD, run),
                        startedIn(CHANGE_RECORD.STARTED_AT, run));
    }

    /**
     * Whether the period holds at most {@code limit} evidence records over every kind; each count
     * stops at the limit, so a large period costs no more than a small one to ask.
     */
    boolean recordsAtMost(Run run, long limit) {
        long total = 0;
        for (EvidenceKind kind : EvidenceKind.values()) {
            total += dsl.fetchCount(selectOne()
                    .from(source(kind, run))
                    .where(visible(kind.table(), run), inPeriod(kind, run))
                    .limit(limit - total + 1));
            if (total > limit) {
                return false;
            }
        }
        return true;
    }

    private Condition inPeriod(EvidenceKind kind, Run run) {
        return switch (kind) {
            case CHANGES -> startedIn(CHANGE_RECORD.STARTED_AT, run);
            case INCIDENTS -> startedIn(INCIDENT.STARTED_AT, run);
            case TESTS -> noCondition(); // the join to the period's changes decides
            case NOTIFICATIONS -> NOTIFICATION.INCIDENT_ID.in(periodIncidents(run));
            case POSTMORTEMS -> POSTMORTEM.INCIDENT_ID.in(periodIncidents(run));
            case ACTION_ITEMS ->
                startedIn(ACTION_ITEM.DUE_AT, run)
                        .or(ACTION_ITEM.POSTMORTEM_ID.in(select(POSTMORTEM.POSTMORTEM_ID)
                                .from(POSTMORTEM)
                                .where(visible(POSTMORTEM, run), POSTMORTEM.INCIDENT_ID.in(periodIncidents(run)))));
            case RUNBOOKS -> RUNBOOK.LAST_REVIEWED_AT.lt(run.periodEnd());
        };
    }

    private org.jooq.Select<org.jooq.Record1<String>> periodIncidents(Run run) {
        return select(INCIDENT.INCIDENT_ID)
                .from(INCIDENT)
                .where(visible(INCIDENT, run), startedIn(INCIDENT.STARTED_AT, run));
    }

    private static Condition startedIn(Field<java.time.Instant> time, Run run) {
        return time.ge(run.periodStart()).and(time.lt(run.periodEnd()));
    }

    private static Condition visible(Table<?> table, Run run) {
        return Revisions.currentAsOfLoad(table, run.evidenceLoadId());
    }

    /**
     * Rows rejected by the loads the run saw whose time falls in the period, or could not be read
     * at all (a rejected row's time is often the bad value): none goes unseen.
     */
    void forEachRejection(Run run, Consumer<Rejection> action) {
        stream(
                dsl.select(
                                REJECTED_RECORD.FILE_NAME,
                                REJECTED_RECORD.LINE_NO,
                                REJECTED_RECORD.COLUMN_NAME,
                                REJECTED_RECORD.REASON,
                                REJECTED_RECORD.RAW_RECORD)
                        .from(REJECTED_RECORD)
                        .where(
                                REJECTED_RECORD.LOAD_ID.le(run.evidenceLoadId()),
                                REJECTED_RECORD
                                        .REFERENCE_TIME
                                        .isNull()
                                        .or(startedIn(REJECTED_RECORD.REFERENCE_TIME, run)))
                        .orderBy(REJECTED_RECORD.FILE_NAME, REJECTED_RECORD.LINE_NO, REJECTED_RECORD.REJECTION_ID),
                r -> action.accept(new Rejection(r.value1(), r.value2(), r.value3(), r.value4(), r.value5())));
    }

    /**
     * Records of the period (by their own time) that name a record the run's evidence does not
     * hold: anti-joins over the visible revisions.
     */
    void forEachDanglingReference(Run run, Consumer<DanglingReference> action) {
        var changes = CHANGE_RECORD.as("referenced_change");
        var incidents = INCIDENT.as("referenced_incident");
        var postmortems = POSTMORTEM.as("referenced_postmortem");
        List<ResultQuery<? extends Record>> queries = List.of(
                dangling(
                        "TEST",
                        TEST_RUN.TEST_RUN_ID,
                        TEST_RUN.CHANGE_ID,
                        startedIn(TEST_RUN.STARTED_AT, run),
                        changes.CHANGE_ID,
                        run),
                dangling(
                        "INCIDENT",
                        INCIDENT.INCIDENT_ID,
                        INCIDENT.CAUSE_CHANGE_ID,
                        startedIn(INCIDENT.STARTED_AT, run)
                                .and(INCIDENT.CAUSE_CHANGE_ID.isNotNull())
                                .and(INCIDENT.CAUSE_CHANGE_ID.ne("")),
                        changes.CHANGE_ID,
                        run),
                dangling(
                        "NOTIFICATION",
                        NOTIFICATION.NOTIFICATION_ID,
                        NOTIFICATION.INCIDENT_ID,
                        startedIn(NOTIFICATION.PUBLISHED_AT, run),
                        incidents.INCIDENT_ID,
                        run),
                dangling(
                        "POSTMORTEM",
                        POSTMORTEM.POSTMORTEM_ID,
                        POSTMORTEM.INCIDENT_ID,
                        startedIn(POSTMORTEM.PUBLISHED_AT, run),
                        incidents.INCIDENT_ID,
                        run),
                dangling(
                        "ACTION_ITEM",
                        ACTION_ITEM.ACTION_ITEM_ID,
                        ACTION_ITEM.POSTMORTEM_ID,
                        startedIn(ACTION_ITEM.DUE_AT, run),
                        postmortems.POSTMORTEM_ID,
                        run));
        for (ResultQuery<? extends Record> query : queries) {
            stream(query, r -> action.accept(r.into(DanglingReference.class)));
        }
    }

    /**
     * The records of {@code kind} in scope whose {@code reference} names no record visible to the
     * run, as an anti-join in the records' key order: {@code NOT EXISTS} let the server first
     * build a set of every referenced key (47 s for a million changes, against 5 s).
     */
    private ResultQuery<? extends Record> dangling(
            String kind,
            TableField<?, String> id,
            Field<String> reference,
            Condition inScope,
            TableField<?, String> referencedId,
            Run run) {
        Table<?> records = id.getTable();
        Table<?> referenced = referencedId.getTable();
        return dsl.select(inline(kind), id, inline(reference.getName()), reference)
                .from(records)
                .leftJoin(referenced)
                .on(referencedId.eq(reference), visible(referenced, run))
                .where(visible(records, run), inScope, referencedId.isNull())
                .orderBy(id);
    }

    /** {@code roles} pairs without {@code =} in the runbooks the run saw (few: read whole). */
    List<RoleNote> roleNotes(Run run) {
        List<RoleNote> notes = new ArrayList<>();
        dsl.select(RUNBOOK.RUNBOOK_ID, RUNBOOK.VERSION, RUNBOOK.ROLES)
                .from(RUNBOOK)
                .where(visible(RUNBOOK, run), RUNBOOK.ROLES.isNotNull(), RUNBOOK.LAST_REVIEWED_AT.lt(run.periodEnd()))
                .orderBy(RUNBOOK.RUNBOOK_ID, RUNBOOK.VERSION)
                .forEach(r -> {
                    for (String pair : r.value3().split(";")) {
                        if (!pair.isBlank() && !pair.contains("=")) {
                            notes.add(new RoleNote(r.value1(), r.value2(), pair.strip()));
                        }
                    }
                });
        return notes;
    }

    /** Per record kind: records visible to the run, revisions loaded up to its load, revised records. */
    List<RevisionCount> revisionCounts(Run run) {
        List<RevisionCount> counts = new ArrayList<>();
        for (EvidenceKind kind : EvidenceKind.values()) {
            counts.add(revisionCount(kind.name(), kind.table(), kind.id(), run));
        }
        counts.add(revisionCount("EXCEPTIONS", CONTROL_EXCEPTION, CONTROL_EXCEPTION.EXCEPTION_ID, run));
        return counts;
    }

    /** One pass over the kind's table: its revisions loaded up to the run's load, and of those the visible ones. */
    private RevisionCount revisionCount(String kind, Table<?> table, Field<String> id, Run run) {
        Field<Integer> revision = table.field("revision", Integer.class);
        Field<Long> loadId = table.field("load_id", Long.class);
        Condition visible = visible(table, run);
        Record counts = dsl.select(
                        count(),
                        count().filterWhere(visible),
                        countDistinct(id).filterWhere(visible.and(revision.gt(1))))
                .from(table)
                .where(loadId.le(run.evidenceLoadId()))
                .fetchOne();
        return new RevisionCount(kind, counts.get(1, Long.class), counts.get(0, Long.class), counts.get(2, Long.class));
    }

    /** Streams a query's rows (MySQL streams only with this fetch size) and closes the cursor. */
    private static <R extends Record> void stream(ResultQuery<R> query, Consumer<? super R> action) {
        try (Cursor<R> cursor = query.fetchSize(Integer.MIN_VALUE).fetchLazy()) {
            for (R row : cursor) {
                action.accept(row);
            }
        }
    }
}
