package kr.compliance.scoring;

import static kr.compliance.store.jooq.Tables.*;
import static org.jooq.impl.DSL.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.function.Consumer;
import kr.compliance.scoring.controls.ActionItemFacts;
import kr.compliance.scoring.controls.ChangeFacts;
import kr.compliance.scoring.controls.IncidentFacts;
import kr.compliance.scoring.controls.PostmortemFacts;
import kr.compliance.scoring.controls.RunbookFacts;
import kr.compliance.store.jooq.tables.ChangeRecord;
import kr.compliance.store.jooq.tables.Incident;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Streams the facts of each subject of a run, one subject at a time, with the set work done in SQL:
 * joins ordered by the subject's key so a subject's child rows arrive together. Events after
 * as-of are removed here, once, so the rules never see them.
 *
 * <p>Each read takes the subjects of one {@link SubjectRange} (of subject ids), and only the
 * subjects: the context a subject is judged in (R2.3's freeze spans, the runbook review and first
 * postmortem of an incident, a postmortem's incident and action items) is read whole, so a
 * partition judges its own subjects exactly as one reading all of them would.
 */
@Repository
class EvidenceReader {

    private final DSLContext dsl;

    EvidenceReader(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Changes that started in the period by as-of, with their tests and any freeze incident. */
    void changes(ScoringScope scope, SubjectRange partition, Consumer<ChangeFacts> each) {
        FreezeSpans freezes = freezeSpans(scope);
        dsl.connection(connection -> {
            DSLContext session = DSL.using(connection, dsl.dialect());
            ChangeRecord c = CHANGE_RECORD.as("c");
            var t = TEST_RUN.as("t");
            // only what the rules read: each change's columns come again with each of its tests
            try (Cursor<Record> rows = session.select(
                            c.CHANGE_ID,
                            c.CHANGE_TYPE,
                            c.SCALE,
                            c.DESTRUCTIVE,
                            c.REQUESTED_BY,
                            c.APPROVED_BY,
                            c.APPROVED_AT,
                            c.WINDOW_START,
                            c.WINDOW_END,
                            c.STARTED_AT,
                            c.ENDED_AT,
                            c.ROLLBACK_PLAN,
                            c.DATA_CENTER,
                            c.DATA_CENTER_KEY)
                    .select(t.TEST_RUN_ID, t.RESULT, t.ENV_PARITY, t.SCOPE, t.FINISHED_AT)
                    .from(c)
                    .leftJoin(t)
                    .on(t.CHANGE_ID.eq(c.CHANGE_ID), scope.visible(t), t.FINISHED_AT.le(scope.asOf()))
                    .where(scope.visible(c), inPeriodByAsOf(c.STARTED_AT, scope), partition.condition(c.CHANGE_ID))
                    .orderBy(c.CHANGE_ID) // the primary key's order: no sort of the joined rows
                    .fetchSize(Integer.MIN_VALUE)
                    .fetchLazy()) {
                ChangeFacts current = null;
                for (Record row : rows) {
                    String changeId = row.get(c.CHANGE_ID);
                    if (current == null || !current.changeId().equals(changeId)) {
                        if (current != null) {
                            each.accept(inTestIdOrder(current));
                        }
                        current = change(row, c, scope, freezes);
                    }
                    if (row.get(t.TEST_RUN_ID) != null) {
                        current.tests()
                                .add(new ChangeFacts.TestFact(
                                        row.get(t.TEST_RUN_ID),
                                        row.get(t.RESULT),
                                        row.get(t.ENV_PARITY),
                                        row.get(t.SCOPE),
                                        row.get(t.FINISHED_AT)));
                    }
                }
                if (current != null) {
                    each.accept(inTestIdOrder(current));
                }
            }
        });
    }

    /** Tests arrive in index order; findings cite them in id order, whatever plan the server chose. */
    private static ChangeFacts inTestIdOrder(ChangeFacts change) {
        change.tests().sort(java.util.Comparator.comparing(ChangeFacts.TestFact::testRunId));
        return change;
    }

    private static ChangeFacts change(Record row, ChangeRecord c, ScoringScope scope, FreezeSpans freezes) {
        boolean approved = scope.judging().happened(row.get(c.APPROVED_AT)) || row.get(c.APPROVED_AT) == null;
        ChangeFacts.OpenIncident open = freezes.openAt(row.get(c.DATA_CENTER_KEY), row.get(c.STARTED_AT));
        return new ChangeFacts(
                row.get(c.CHANGE_ID),
                row.get(c.CHANGE_TYPE),
                row.get(c.SCALE),
                row.get(c.DESTRUCTIVE),
                row.get(c.REQUESTED_BY),
                // an approval dated after as-of has not happened yet
                approved ? row.get(c.APPROVED_BY) : null,
                approved ? row.get(c.APPROVED_AT) : null,
                row.get(c.WINDOW_START),
                row.get(c.WINDOW_END),
                row.get(c.STARTED_AT),
                scope.happened(row.get(c.ENDED_AT)),
                row.get(c.ROLLBACK_PLAN),
                row.get(c.DATA_CENTER),
                new ArrayList<>(),
                open);
    }

    /**
     * R2.3's freeze incidents as set work: the incidents of the policy's severities that had
     * started by as-of, each with the end of its freeze as of the run.
     */
    private FreezeSpans freezeSpans(ScoringScope scope) {
        Incident i = INCIDENT.as("i");
        return new FreezeSpans(dsl.select(
                        i.INCIDENT_ID, i.SEVERITY, i.DATA_CENTER, i.STARTED_AT, i.DATA_CENTER_KEY, freezeEnd(i, scope))
                .from(i)
                .where(
                        scope.visible(i),
                        i.SEVERITY.in(scope.judging().policy().freezeSeverities()),
                        i.STARTED_AT.le(scope.asOf()))
                .fetch(row -> new FreezeSpans.Freeze(
                        new ChangeFacts.OpenIncident(row.value1(), row.value2(), row.value3(), row.value4()),
                        row.value5(),
                        row.value6())));
    }

    /** When an incident stops freezing its data centre, as of the run; null while it is open. */
    private static Field<Instant> freezeEnd(Incident i, ScoringScope scope) {
        Field<Instant> closed = when(i.CLOSED_AT.le(scope.asOf()), i.CLOSED_AT);
        Field<Instant> resolved = when(i.RESOLVED_AT.le(scope.asOf()), i.RESOLVED_AT);
        return switch (scope.judging().policy().freezeUntil()) {
            case CLOSED_OR_RESOLVED -> coalesce(closed, resolved);
            case CLOSED -> closed;
        };
    }

    private static Condition inPeriodByAsOf(Field<Instant> reference, ScoringScope scope) {
        return reference.ge(scope.start()).and(reference.lt(scope.end())).and(reference.le(scope.asOf()));
    }

    /** Incidents that started in the period by as-of, with their notices, postmortem and runbook review. */
    void incidents(ScoringScope scope, SubjectRange partition, Consumer<IncidentFacts> each) {
        Incident i = INCIDENT.as("i");
        var n = NOTIFICATION.as("n");
        var r = RUNBOOK.as("r");
        var p = POSTMORTEM.as("p");
        // the latest review, at or before the incident's start, of a runbook for its type
        Condition review = scope.visible(r)
                .and(r.INCIDENT_TYPE_KEY.eq(i.INCIDENT_TYPE_KEY))
                .and(r.LAST_REVIEWED_AT.le(i.STARTED_AT))
                .and(r.LAST_REVIEWED_AT.le(scope.asOf()));
        var latestFirst = new org.jooq.SortField<?>[] {r.LAST_REVIEWED_AT.desc(), r.RUNBOOK_ID.asc(), r.VERSION.desc()};
        Field<String> runbookId = field(select(r.RUNBOOK_ID)
                        .from(r)
                        .where(review)
                        .orderBy(latestFirst)
                        .limit(1))
                .as("review_runbook_id");
        Field<String> runbookVersion = field(select(r.VERSION)
                        .from(r)
                        .where(review)
                        .orderBy(latestFirst)
                        .limit(1))
                .as("review_version");
        Field<Instant> reviewedAt =
                field(select(max(r.LAST_REVIEWED_AT)).from(r).where(review)).as("reviewed_at");
        // the earliest postmortem published by as-of
        Condition published =
                scope.visible(p).and(p.INCIDENT_ID.eq(i.INCIDENT_ID)).and(p.PUBLISHED_AT.le(scope.asOf()));
        Field<String> postmortemId = field(select(p.POSTMORTEM_ID)
                        .from(p)
                        .where(published)
                        .orderBy(p.PUBLISHED_AT, p.POSTMORTEM_ID)
                        .limit(1))
                .as("first_postmortem_id");
        Field<Instant> postmortemAt =
                field(select(min(p.PUBLISHED_AT)).from(p).where(published)).as("first_postmortem_at");
        try (Cursor<Record> rows = dsl.select(i.fields())
                .select(runbookId, runbookVersion, reviewedAt, postmortemId, postmortemAt)
                .select(n.NOTIFICATION_ID, n.CHANNEL, n.KIND, n.PUBLISHED_AT)
                .from(i)
                .leftJoin(n)
                .on(n.INCIDENT_ID.eq(i.INCIDENT_ID), scope.visible(n), n.PUBLISHED_AT.le(scope.asOf()))
                .where(scope.visible(i), inPeriodByAsOf(i.STARTED_AT, scope), partition.condition(i.INCIDENT_ID))
                .orderBy(i.INCIDENT_ID, n.PUBLISHED_AT, n.NOTIFICATION_ID)
                .fetchSize(Integer.MIN_VALUE)
                .fetchLazy()) {
            IncidentFacts current = null;
            for (Record row : rows) {
                if (current == null || !current.incidentId().equals(row.get(i.INCIDENT_ID))) {
                    if (current != null) {
                        each.accept(current);
                    }
                    String commander = scope.judging().happened(row.get(i.COMMANDER_ASSIGNED_AT))
                                    || row.get(i.COMMANDER_ASSIGNED_AT) == null
                            ? row.get(i.COMMANDER)
                            : null;
                    current = new IncidentFacts(
                            row.get(i.INCIDENT_ID),
                            row.get(i.SEVERITY),
                            row.get(i.INCIDENT_TYPE),
                            row.get(i.STARTED_AT),
                            row.get(i.DETECTED_AT),
                            scope.happened(row.get(i.RESOLVED_AT)),
                            row.get(i.USERS_AFFECTED_PCT),
                            row.get(i.DETECTION_SOURCE),
                            // an assignment dated after as-of has not happened yet
                            commander,
                            commander == null ? null : scope.happened(row.get(i.COMMANDER_ASSIGNED_AT)),
                            row.get(runbookId) == null
                                    ? null
                                    : new IncidentFacts.RunbookReview(
                                            row.get(runbookId), row.get(runbookVersion), row.get(reviewedAt)),
                            row.get(postmortemId) == null
                                    ? null
                                    : new IncidentFacts.FirstPostmortem(row.get(postmortemId), row.get(postmortemAt)),
                            new ArrayList<>());
                }
                if (row.get(n.NOTIFICATION_ID) != null) {
                    current.notices()
                            .add(new IncidentFacts.Notice(
                                    row.get(n.NOTIFICATION_ID),
                                    row.get(n.CHANNEL),
                                    row.get(n.KIND),
                                    row.get(n.PUBLISHED_AT)));
                }
            }
            if (current != null) {
                each.accept(current);
            }
        }
    }

    /**
     * Runbooks in force at the end of the period: for each runbook id, the version with the latest
     * review before the period end (and by as-of); among equal reviews the greater version, as
     * numbers when both are whole numbers, else as text.
     */
    void runbooks(ScoringScope scope, SubjectRange partition, Consumer<RunbookFacts> each) {
        var r = RUNBOOK.as("r");
        try (var rows = dsl.select(r.RUNBOOK_ID, r.VERSION, r.INCIDENT_TYPE, r.ROLES, r.LAST_REVIEWED_AT)
                .from(r)
                .where(
                        scope.visible(r),
                        r.LAST_REVIEWED_AT.lt(scope.end()),
                        r.LAST_REVIEWED_AT.le(scope.asOf()),
                        partition.condition(r.RUNBOOK_ID))
                .orderBy(r.RUNBOOK_ID)
                .fetchSize(Integer.MIN_VALUE)
                .fetchLazy()) {
            RunbookFacts inForce = null;
            for (var row : rows) {
                RunbookFacts candidate = new RunbookFacts(
                        row.get(r.RUNBOOK_ID),
                        row.get(r.VERSION),
                        row.get(r.INCIDENT_TYPE),
                        row.get(r.ROLES),
                        row.get(r.LAST_REVIEWED_AT));
                if (inForce != null && !inForce.runbookId().equals(candidate.runbookId())) {
                    each.accept(inForce);
                    inForce = null;
                }
                if (inForce == null || RunbookVersions.LATEST.compare(candidate, inForce) > 0) {
                    inForce = candidate;
                }
            }
            if (inForce != null) {
                each.accept(inForce);
            }
        }
    }

    /** Postmortems published by as-of of incidents in the period, with their action items. */
    void postmortems(ScoringScope scope, SubjectRange partition, Consumer<PostmortemFacts> each) {
        var p = POSTMORTEM.as("p");
        Incident i = INCIDENT.as("i");
        var a = ACTION_ITEM.as("a");
        try (var rows = dsl.select(
                        p.POSTMORTEM_ID,
                        p.INCIDENT_ID,
                        i.STARTED_AT,
                        p.PUBLISHED_AT,
                        p.TEMPLATE_VERSION,
                        p.ROOT_CAUSE,
                        a.ACTION_ITEM_ID)
                .from(p)
                .join(i)
                .on(i.INCIDENT_ID.eq(p.INCIDENT_ID), scope.visible(i))
                .leftJoin(a)
                .on(a.POSTMORTEM_ID.eq(p.POSTMORTEM_ID), scope.visible(a))
                .where(
                        scope.visible(p),
                        p.PUBLISHED_AT.le(scope.asOf()),
                        inPeriodByAsOf(i.STARTED_AT, scope),
                        partition.condition(p.POSTMORTEM_ID))
                .orderBy(p.POSTMORTEM_ID, a.ACTION_ITEM_ID)
                .fetchSize(Integer.MIN_VALUE)
                .fetchLazy()) {
            PostmortemFacts current = null;
            for (var row : rows) {
                if (current == null || !current.postmortemId().equals(row.get(p.POSTMORTEM_ID))) {
                    if (current != null) {
                        each.accept(current);
                    }
                    current = new PostmortemFacts(
                            row.get(p.POSTMORTEM_ID),
                            row.get(p.INCIDENT_ID),
                            row.get(i.STARTED_AT),
                            row.get(p.PUBLISHED_AT),
                            row.get(p.TEMPLATE_VERSION),
                            row.get(p.ROOT_CAUSE),
                            new ArrayList<>());
                }
                if (row.get(a.ACTION_ITEM_ID) != null) {
                    current.actionItemIds().add(row.get(a.ACTION_ITEM_ID));
                }
            }
            if (current != null) {
                each.accept(current);
            }
        }
    }

    /** Action items due in the period. */
    void actionItems(ScoringScope scope, SubjectRange partition, Consumer<ActionItemFacts> each) {
        var a = ACTION_ITEM.as("a");
        try (var rows = dsl.select(a.ACTION_ITEM_ID, a.POSTMORTEM_ID, a.DUE_AT, a.CLOSED_AT)
                .from(a)
                .where(
                        scope.visible(a),
                        a.DUE_AT.ge(scope.start()),
                        a.DUE_AT.lt(scope.end()),
                        partition.condition(a.ACTION_ITEM_ID))
                .orderBy(a.ACTION_ITEM_ID)
                .fetchSize(Integer.MIN_VALUE)
                .fetchLazy()) {
            for (var row : rows) {
                each.accept(new ActionItemFacts(
                        row.get(a.ACTION_ITEM_ID),
                        row.get(a.POSTMORTEM_ID),
                        row.get(a.DUE_AT),
                        scope.happened(row.get(a.CLOSED_AT))));
            }
        }
    }
}
