package kr.compliance.results;

import static kr.compliance.store.jooq.Tables.ACTION_ITEM;
import static kr.compliance.store.jooq.Tables.CHANGE_RECORD;
import static kr.compliance.store.jooq.Tables.CONTROL_EXCEPTION;
import static kr.compliance.store.jooq.Tables.FINDING;
import static kr.compliance.store.jooq.Tables.INCIDENT;
import static kr.compliance.store.jooq.Tables.INGEST_LOAD;
import static kr.compliance.store.jooq.Tables.NOTIFICATION;
import static kr.compliance.store.jooq.Tables.POSTMORTEM;
import static kr.compliance.store.jooq.Tables.RUNBOOK;
import static kr.compliance.store.jooq.Tables.SCORING_RUN;
import static kr.compliance.store.jooq.Tables.TEST_RUN;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import kr.compliance.scoring.policy.PolicyFile;
import kr.compliance.store.Quarter;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;

/**
 * Restatement: what changed from one run of a period to another and why (docs/pack.md,
 * "Restatement"). A finding changed when its status or reason differs, or it exists in one run
 * only; its causes are the record revisions loaded between the two runs' evidence that are the
 * subject, name it, or are cited by either finding, besides the run-wide causes of {@link RunDiff}.
 */
@Service
public class RunDiffs {

    /** A record kind, its id, and the column by which its records name a subject, if any. */
    private record Touch(String kind, Table<?> table, Field<String> id, Field<String> namesSubject) {}

    private static final List<Touch> TOUCHES = List.of(
            new Touch("CHANGE", CHANGE_RECORD, CHANGE_RECORD.CHANGE_ID, null),
            new Touch("TEST", TEST_RUN, TEST_RUN.TEST_RUN_ID, TEST_RUN.CHANGE_ID),
            new Touch("INCIDENT", INCIDENT, INCIDENT.INCIDENT_ID, INCIDENT.CAUSE_CHANGE_ID),
            new Touch("NOTIFICATION", NOTIFICATION, NOTIFICATION.NOTIFICATION_ID, NOTIFICATION.INCIDENT_ID),
            new Touch("POSTMORTEM", POSTMORTEM, POSTMORTEM.POSTMORTEM_ID, POSTMORTEM.INCIDENT_ID),
            new Touch("ACTION_ITEM", ACTION_ITEM, ACTION_ITEM.ACTION_ITEM_ID, ACTION_ITEM.POSTMORTEM_ID),
            new Touch("RUNBOOK", RUNBOOK, RUNBOOK.RUNBOOK_ID, null),
            new Touch("EXCEPTION", CONTROL_EXCEPTION, CONTROL_EXCEPTION.EXCEPTION_ID, CONTROL_EXCEPTION.SUBJECT_ID));

    /** Changed findings read at a time. */
    private static final int PAGE = 1000;

    private final DSLContext dsl;
    private final ScoringResults results;

    RunDiffs(DSLContext dsl, ScoringResults results) {
        this.dsl = dsl;
        this.results = results;
    }

    /**
     * The two runs a diff compares: {@code fromRunId} else the period's submitted run, and
     * {@code toRunId} else its latest completed run.
     */
    public RunDiff diff(Quarter period, Long fromRunId, Long toRunId) {
        Run from;
        if (fromRunId != null) {
            from = results.chosenRun(period, fromRunId);
        } else {
            from = results.currentSubmission(period)
                    .flatMap(submission -> results.run(submission.runId()))
                    .orElseThrow(() -> new RunNotFoundException(
                            period + " has no submission to compare with: name the earlier run (--from, ?from=)"));
        }
        Run to = toRunId != null
                ? results.chosenRun(period, toRunId)
                : results.runs(period).stream()
                        .filter(run -> run.state().completed())
                        .findFirst()
                        .orElseThrow();
        return diff(from, to);
    }

    private RunDiff diff(Run from, Run to) {
        List<String> policyKeys = from.policySha256().equals(to.policySha256())
                ? List.of()
                : PolicyFile.differingKeys(policyContent(from), policyContent(to));
        List<RunDiff.Load> loads = dsl.select(INGEST_LOAD.LOAD_ID, INGEST_LOAD.RECORD_KIND, INGEST_LOAD.FILE_NAME)
                .from(INGEST_LOAD)
                .where(between(INGEST_LOAD.LOAD_ID, from, to), INGEST_LOAD.STATUS.eq("COMPLETED"))
                .orderBy(INGEST_LOAD.LOAD_ID)
                .fetch(r -> new RunDiff.Load(r.value1(), r.value2(), r.value3()));
        List<ScoreRow> before = results.scores(from.runId());
        List<ScoreRow> after = results.scores(to.runId());
        List<Restatement> requirements = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            requirements.add(Restatement.of(before.get(i), after.get(i)));
        }
        return new RunDiff(
                from,
                to,
                from.policyVersion(),
                to.policyVersion(),
                policyKeys,
                from.asOf(),
                to.asOf(),
                loads,
                requirements);
    }

    private String policyContent(Run run) {
        return dsl.select(SCORING_RUN.POLICY_CONTENT)
                .from(SCORING_RUN)
                .where(SCORING_RUN.RUN_ID.eq(run.runId()))
                .fetchSingle(SCORING_RUN.POLICY_CONTENT);
    }

    /** Loads after the earlier run's evidence, up to the later run's (either way round). */
    private static Condition between(Field<Long> loadId, Run from, Run to) {
        long low = Math.min(from.evidenceLoadId(), to.evidenceLoadId());
        long high = Math.max(from.evidenceLoadId(), to.evidenceLoadId());
        return loadId.gt(low).and(loadId.le(high));
    }

    /** Every finding that differs between the two runs, in control and subject order, with its revisions. */
    public void eachChange(RunDiff diff, Consumer<FindingChange> action) {
        var a = FINDING.as("a");
        var b = FINDING.as("b");
        // the union takes its column names from here
        var changedOrGone = dsl.select(
                        a.CONTROL_ID,
                        a.SUBJECT_TYPE,
                        a.SUBJECT_ID,
                        a.STATUS.as("status_before"),
                        b.STATUS.as("status_after"),
                        a.REASON.as("reason_before"),
                        b.REASON.as("reason_after"),
                        a.EVIDENCE_REFS.as("refs_before"),
                        b.EVIDENCE_REFS.as("refs_after"),
                        a.REASON_CODE.as("code_before"),
                        a.REASON_PARAMS.as("params_before"),
                        a.EXCEPTION_ID.as("exception_before"),
                        b.REASON_CODE.as("code_after"),
                        b.REASON_PARAMS.as("params_after"),
                        b.EXCEPTION_ID.as("exception_after"))
                .from(a)
                .leftJoin(b)
                .on(b.RUN_ID.eq(diff.to().runId()), b.CONTROL_ID.eq(a.CONTROL_ID), b.SUBJECT_ID.eq(a.SUBJECT_ID))
                .where(a.RUN_ID.eq(diff.from().runId()))
                .and(b.SUBJECT_ID.isNull().or(b.STATUS.ne(a.STATUS)).or(b.REASON.ne(a.REASON)));
        var appeared = dsl.select(
                        b.CONTROL_ID,
                        b.SUBJECT_TYPE,
                        b.SUBJECT_ID,
                        DSL.inline((String) null, String.class),
                        b.STATUS,
                        DSL.inline((String) null, String.class),
                        b.REASON,
                        DSL.inline((String) null, String.class),
                        b.EVIDENCE_REFS,
                        DSL.inline((String) null, String.class),
                        DSL.inline((String) null, String.class),
                        DSL.inline((String) null, String.class),
                        b.REASON_CODE,
                        b.REASON_PARAMS,
                        b.EXCEPTION_ID)
                .from(b)
                .where(b.RUN_ID.eq(diff.to().runId()))
                .andNotExists(DSL.selectOne()
                        .from(a)
                        .where(
                                a.RUN_ID.eq(diff.from().runId()),
                                a.CONTROL_ID.eq(b.CONTROL_ID),
                                a.SUBJECT_ID.eq(b.SUBJECT_ID)));
        var changes = changedOrGone.unionAll(appeared).asTable("changes");
        Field<String> control = changes.field(0, String.class);
        Field<String> subject = changes.field(2, String.class);
        // read a page at a time, not streamed: the revisions of each change are asked for on the
        // same connection when a job's transaction holds one, where a streamed result blocks it
        String lastControl = null;
        String lastSubject = null;
        while (true) {
            var page = dsl.selectFrom(changes)
                    .where(
                            lastControl == null
                                    ? DSL.noCondition()
                                    : DSL.row(control, subject).gt(lastControl, lastSubject))
                    .orderBy(control, subject)
                    .limit(PAGE)
                    .fetch();
            for (var r : page) {
                action.accept(new FindingChange(
                        r.get(0, String.class),
                        r.get(1, String.class),
                        r.get(2, String.class),
                        r.get(3, String.class),
                        r.get(4, String.class),
                        wording(
                                r.get(5, String.class),
                                r.get(9, String.class),
                                r.get(10, String.class),
                                r.get(11, String.class)),
                        wording(
                                r.get(6, String.class),
                                r.get(12, String.class),
                                r.get(13, String.class),
                                r.get(14, String.class)),
                        revisions(diff, r.get(2, String.class), r.get(7, String.class), r.get(8, String.class))));
            }
            if (page.size() < PAGE) {
                return;
            }
            lastControl = page.getLast().get(0, String.class);
            lastSubject = page.getLast().get(2, String.class);
        }
    }

    private static ReasonWording wording(String text, String code, String params, String exceptionId) {
        return text == null ? null : new ReasonWording(text, code, params, exceptionId);
    }

    /** Revisions loaded between the runs' evidence that are the subject, name it, or are cited by the finding. */
    private List<FindingChange.Revision> revisions(
            RunDiff diff, String subjectId, String refsBefore, String refsAfter) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(subjectId);
        for (String refs : new String[] {refsBefore, refsAfter}) {
            if (refs != null && !refs.isEmpty()) {
                for (String ref : refs.split(kr.compliance.scoring.Finding.REF_SEPARATOR)) {
                    int version = ref.indexOf('@'); // a runbook is cited as id@version
                    ids.add(version < 0 ? ref : ref.substring(0, version));
                }
            }
        }
        List<FindingChange.Revision> revisions = new ArrayList<>();
        for (Touch touch : TOUCHES) {
            Field<Long> loadId = touch.table().field("load_id", Long.class);
            Condition touches = touch.id().in(ids);
            if (touch.namesSubject() != null) {
                touches = touches.or(touch.namesSubject().eq(subjectId));
            }
            dsl.select(
                            touch.id(),
                            touch.table().field("revision", Integer.class),
                            loadId,
                            INGEST_LOAD.FILE_NAME,
                            touch.table().field("source_line", Long.class))
                    .from(touch.table())
                    .join(INGEST_LOAD)
                    .on(INGEST_LOAD.LOAD_ID.eq(loadId))
                    .where(between(loadId, diff.from(), diff.to()), touches)
                    .orderBy(loadId, touch.id())
                    .fetch()
                    .forEach(r -> revisions.add(new FindingChange.Revision(
                            touch.kind(), r.value1(), r.value2(), r.value3(), r.value4(), r.value5())));
        }
        return revisions;
    }
}
