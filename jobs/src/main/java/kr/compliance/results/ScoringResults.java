package kr.compliance.results;

import static kr.compliance.store.jooq.Tables.FINDING;
import static kr.compliance.store.jooq.Tables.REQUIREMENT_SCORE;
import static kr.compliance.store.jooq.Tables.SCORING_RUN;
import static kr.compliance.store.jooq.Tables.SUBMISSION;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import kr.compliance.scoring.Controls;
import kr.compliance.scoring.policy.Policy;
import kr.compliance.scoring.policy.PolicyFile;
import kr.compliance.store.Quarter;
import kr.compliance.store.jooq.tables.records.ScoringRunRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;

/**
 * The read model of scoring results: runs and where they stand, scores, findings and the
 * exceptions they were covered by. The pack, the API and pages, and the alerts read scoring's
 * tables only through here ({@code ArchitectureTests} checks it), so a finding has one shape,
 * scores one order, and "which run" one answer: the run asked for, else the period's submitted
 * run, else its latest completed run.
 */
@Service
public class ScoringResults {

    private static final String COMPLETED = "COMPLETED";

    private final DSLContext dsl;

    ScoringResults(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A run of any state, if it exists. */
    public Optional<Run> run(long runId) {
        return dsl.selectFrom(SCORING_RUN)
                .where(SCORING_RUN.RUN_ID.eq(runId))
                .fetchOptional()
                .map(record -> run(record, submittedRuns(Quarter.parse(record.getPeriod()))));
    }

    /** Every run of the period, the newest first. */
    public List<Run> runs(Quarter period) {
        Submitted submitted = submittedRuns(period);
        return dsl.selectFrom(SCORING_RUN)
                .where(SCORING_RUN.PERIOD.eq(period.toString()))
                .orderBy(SCORING_RUN.RUN_ID.desc())
                .fetch(record -> run(record, submitted));
    }

    /**
     * The run a reader means: {@code runId} when given (a completed run of the period), else the
     * period's submitted run, else its latest completed run.
     */
    public Run chosenRun(Quarter period, Long runId) {
        if (runId != null) {
            return run(runId)
                    .filter(run -> run.period().equals(period) && run.state().completed())
                    .orElseThrow(() -> new RunNotFoundException("run " + runId + " is not a completed scoring run of "
                            + period + "; " + completedRunsText(period)));
        }
        Submitted submitted = submittedRuns(period);
        Long chosen = submitted.current() != null
                ? submitted.current()
                : dsl.select(DSL.max(SCORING_RUN.RUN_ID))
                        .from(SCORING_RUN)
                        .where(SCORING_RUN.PERIOD.eq(period.toString()), SCORING_RUN.STATUS.eq(COMPLETED))
                        .fetchOne(0, Long.class);
        if (chosen == null) {
            throw new RunNotFoundException("no completed scoring run for " + period
                    + ": run 'compliance score --period " + period + "' first");
        }
        return run(chosen).orElseThrow();
    }

    private String completedRunsText(Quarter period) {
        List<Long> ids = runs(period).stream()
                .filter(run -> run.state().completed())
                .map(Run::runId)
                .toList();
        return ids.isEmpty() ? "it has none" : "its completed runs are " + ids;
    }

    /** A row of the submission ledger. */
    public Optional<Submission> submission(long submissionId) {
        return dsl.select(SUBMISSION.SUBMISSION_ID, SUBMISSION.RUN_ID, SUBMISSION.SUBMITTED_BY, SUBMISSION.SUBMITTED_AT)
                .from(SUBMISSION)
                .where(SUBMISSION.SUBMISSION_ID.eq(submissionId))
                .fetchOptional(r -> new Submission(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** The period's current submission (its latest ledger row), if it has one. */
    public Optional<Submission> currentSubmission(Quarter period) {
        return dsl.select(SUBMISSION.SUBMISSION_ID, SUBMISSION.RUN_ID, SUBMISSION.SUBMITTED_BY, SUBMISSION.SUBMITTED_AT)
                .from(SUBMISSION)
                .where(SUBMISSION.PERIOD.eq(period.toString()))
                .orderBy(SUBMISSION.SUBMISSION_ID.desc())
                .limit(1)
                .fetchOptional(r -> new Submission(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** The run a Batch execution of the score job works on, whatever its state. */
    public Optional<Run> runOfExecution(long jobExecutionId) {
        return dsl.selectFrom(SCORING_RUN)
                .where(SCORING_RUN.JOB_EXECUTION_ID.eq(jobExecutionId))
                .fetchOptional()
                .map(record -> run(record, submittedRuns(Quarter.parse(record.getPeriod()))));
    }

    /** The period's latest completed run before {@code run}, if any. */
    public Optional<Long> completedRunBefore(Run run) {
        return dsl.select(DSL.max(SCORING_RUN.RUN_ID))
                .from(SCORING_RUN)
                .where(
                        SCORING_RUN.PERIOD.eq(run.period().toString()),
                        SCORING_RUN.STATUS.eq(COMPLETED),
                        SCORING_RUN.RUN_ID.lt(run.runId()))
                .fetchOptional(0, Long.class);
    }

    /** Where the ratings of {@code run}'s scores begin: from the policy the run judged with, as it stored it. */
    public RatingBounds ratingBounds(Run run) {
        String content = dsl.select(SCORING_RUN.POLICY_CONTENT)
                .from(SCORING_RUN)
                .where(SCORING_RUN.RUN_ID.eq(run.runId()))
                .fetchSingle(SCORING_RUN.POLICY_CONTENT);
        Policy policy = PolicyFile.parse(content, "of run " + run.runId());
        return new RatingBounds(policy.ratingGreen(), policy.ratingAmber());
    }

    /** The run's scores: R1..R6 then OVERALL, a row the run lacks as {@code NO_DATA}. */
    public List<ScoreRow> scores(long runId) {
        Map<String, ScoreRow> stored = new HashMap<>();
        dsl.selectFrom(REQUIREMENT_SCORE)
                .where(REQUIREMENT_SCORE.RUN_ID.eq(runId))
                .forEach(r -> stored.put(
                        r.getRequirement(),
                        new ScoreRow(
                                r.getRequirement(),
                                r.getPassCount(),
                                r.getFailCount(),
                                r.getExceptionCount(),
                                r.getPendingCount(),
                                r.getScore(),
                                r.getRating())));
        return Catalogue.scoreOrder().stream()
                .map(requirement -> stored.getOrDefault(requirement, ScoreRow.noData(requirement)))
                .toList();
    }

    /** How many of the run's findings match. */
    public long countFindings(Run run, FindingFilter filter) {
        return dsl.fetchCount(FINDING, FINDING.RUN_ID.eq(run.runId()).and(filter.condition()));
    }

    /** A page of the run's matching findings, in control and subject order. */
    public List<Finding> findings(Run run, FindingFilter filter, long offset, int limit) {
        return selectFindings(FINDING.RUN_ID.eq(run.runId()).and(filter.condition()))
                .orderBy(FINDING.CONTROL_ID, FINDING.SUBJECT_ID)
                .limit(limit)
                .offset(offset)
                .fetch(r -> finding(r, run.zone()));
    }

    /**
     * A page of the run's matching findings as a reviewer reads them: FAIL first, then PENDING,
     * EXCEPTION and PASS, each in control and subject order.
     */
    public List<Finding> findingsFailFirst(Run run, FindingFilter filter, long offset, int limit) {
        return selectFindings(FINDING.RUN_ID.eq(run.runId()).and(filter.condition()))
                .orderBy(
                        DSL.case_(FINDING.STATUS)
                                .when("FAIL", 0)
                                .when("PENDING", 1)
                                .when("EXCEPTION", 2)
                                .else_(3),
                        FINDING.CONTROL_ID,
                        FINDING.SUBJECT_ID)
                .limit(limit)
                .offset(offset)
                .fetch(r -> finding(r, run.zone()));
    }

    /** Every matching finding of the run, streamed in control and subject order, whatever their number. */
    public void eachFinding(Run run, FindingFilter filter, Consumer<Finding> action) {
        stream(
                selectFindings(FINDING.RUN_ID.eq(run.runId()).and(filter.condition()))
                        .orderBy(FINDING.CONTROL_ID, FINDING.SUBJECT_ID),
                r -> action.accept(finding(r, run.zone())));
    }

    /** The order a reader meets findings in: what needs attention first, what held last. */
    public static final List<String> STATUS_ORDER = List.of("FAIL", "PENDING", "EXCEPTION", "PASS");

    /**
     * Every finding of the run with {@code status}, streamed in control and subject order: a range
     * of the index {@code ix_finding_status} (V0091), so a reader can take them {@link
     * #STATUS_ORDER FAIL first} without any quarter being sorted or held in memory.
     */
    public void eachFindingWithStatus(Run run, String status, Consumer<Finding> action) {
        stream(
                selectFindings(FINDING.RUN_ID.eq(run.runId()).and(FINDING.STATUS.eq(status)))
                        .orderBy(FINDING.CONTROL_ID, FINDING.SUBJECT_ID),
                r -> action.accept(finding(r, run.zone())));
    }

    /** Every finding of the run whose status is none of {@link #STATUS_ORDER}, in control and subject order. */
    public void eachFindingOfAnotherStatus(Run run, Consumer<Finding> action) {
        stream(
                selectFindings(FINDING.RUN_ID.eq(run.runId()).and(FINDING.STATUS.notIn(STATUS_ORDER)))
                        .orderBy(FINDING.CONTROL_ID, FINDING.SUBJECT_ID),
                r -> action.accept(finding(r, run.zone())));
    }

    /** Per control of the run, in control order, its findings counted by status (one query). */
    public List<ControlCount> controlCounts(long runId) {
        Map<String, Map<String, Long>> byControl = new TreeMap<>();
        // counted in the order of the index by status (V0091), which holds both columns: the wide
        // rows of a quarter's findings are not read
        dsl.select(FINDING.STATUS, FINDING.CONTROL_ID, DSL.count())
                .from(FINDING)
                .where(FINDING.RUN_ID.eq(runId))
                .groupBy(FINDING.STATUS, FINDING.CONTROL_ID)
                .forEach(r -> byControl
                        .computeIfAbsent(r.value2(), control -> new HashMap<>())
                        .put(r.value1(), r.value3().longValue()));
        return byControl.entrySet().stream()
                .map(control -> new ControlCount(
                        control.getKey(),
                        control.getValue().getOrDefault("PASS", 0L),
                        control.getValue().getOrDefault("FAIL", 0L),
                        control.getValue().getOrDefault("EXCEPTION", 0L),
                        control.getValue().getOrDefault("PENDING", 0L)))
                .toList();
    }

    /**
     * The run's {@code FAIL} findings that were not {@code FAIL} in {@code earlier} (all of them when
     * there is no earlier run), streamed in control and subject order.
     */
    public void eachNewFailure(Run run, Long earlierRunId, Consumer<Finding> action) {
        String fail = "FAIL";
        Condition condition = FINDING.RUN_ID.eq(run.runId()).and(FINDING.STATUS.eq(fail));
        if (earlierRunId != null) {
            var earlier = FINDING.as("earlier");
            condition = condition.andNotExists(DSL.selectOne()
                    .from(earlier)
                    .where(
                            earlier.RUN_ID.eq(earlierRunId),
                            earlier.CONTROL_ID.eq(FINDING.CONTROL_ID),
                            earlier.SUBJECT_ID.eq(FINDING.SUBJECT_ID),
                            earlier.STATUS.eq(fail)));
        }
        stream(
                selectFindings(condition).orderBy(FINDING.CONTROL_ID, FINDING.SUBJECT_ID),
                r -> action.accept(finding(r, run.zone())));
    }

    /**
     * The findings about one record in the run each period's readers are shown (its submitted run,
     * else its latest completed one), the earliest reference time first.
     */
    public List<Finding> findingsOfSubject(String subjectType, String subjectId, ZoneId zone) {
        List<Long> shown = shownRuns();
        // every control id named, so the primary key's ranges find them: findings have no index by subject
        return selectFindings(FINDING.RUN_ID
                        .in(shown)
                        .and(FINDING.CONTROL_ID.in(Controls.ids()))
                        .and(FINDING.SUBJECT_ID.eq(subjectId))
                        .and(FINDING.SUBJECT_TYPE.eq(subjectType)))
                .orderBy(FINDING.REFERENCE_TIME, FINDING.CONTROL_ID)
                .fetch(r -> finding(r, zone));
    }

    /**
     * The findings about other subjects that cite a record as their evidence, in the run each
     * period's readers are shown (its submitted run, else its latest completed one), at most 200.
     */
    public List<Finding> findingsCiting(String recordId, ZoneId zone) {
        List<Long> shown = shownRuns();
        String separator = kr.compliance.scoring.Finding.REF_SEPARATOR;
        return selectFindings(FINDING.RUN_ID
                        .in(shown)
                        .and(FINDING.SUBJECT_ID.ne(recordId))
                        .and(DSL.concat(DSL.inline(separator), FINDING.EVIDENCE_REFS, DSL.inline(separator))
                                .contains(separator + recordId + separator)))
                .orderBy(FINDING.CONTROL_ID, FINDING.SUBJECT_ID)
                .limit(200)
                .fetch(r -> finding(r, zone));
    }

    /** The run each period's readers are shown: its submitted run, else its latest completed one. */
    private List<Long> shownRuns() {
        List<Long> shown = new ArrayList<>();
        for (String period :
                dsl.selectDistinct(SCORING_RUN.PERIOD).from(SCORING_RUN).fetch(SCORING_RUN.PERIOD)) {
            try {
                shown.add(chosenRun(Quarter.parse(period), null).runId());
            } catch (RunNotFoundException noCompletedRun) {
                // a period whose only runs failed shows nothing
            }
        }
        return shown;
    }

    /**
     * Per exception id, the findings of the run it covered ({@code control subject}), in control
     * and subject order. Read from the run's own rows: no index leads from an exception to them.
     */
    public Map<String, List<String>> coveredFindings(Run run) {
        Map<String, List<String>> covered = new LinkedHashMap<>();
        dsl.select(FINDING.EXCEPTION_ID, FINDING.CONTROL_ID, FINDING.SUBJECT_ID)
                .from(FINDING)
                // a finding names an exception exactly when the exception made it EXCEPTION: with the
                // status, a range of the index by status (V0091), not a pass over the run's findings
                .where(FINDING.RUN_ID.eq(run.runId()), FINDING.STATUS.eq("EXCEPTION"), FINDING.EXCEPTION_ID.isNotNull())
                .orderBy(FINDING.CONTROL_ID, FINDING.SUBJECT_ID)
                .forEach(r -> covered.computeIfAbsent(r.value1(), id -> new ArrayList<>())
                        .add(r.value2() + " " + r.value3()));
        return covered;
    }

    private SelectConditionStep<? extends Record> selectFindings(Condition condition) {
        return dsl.select(
                        FINDING.CONTROL_ID,
                        FINDING.REQUIREMENT,
                        FINDING.SUBJECT_TYPE,
                        FINDING.SUBJECT_ID,
                        FINDING.STATUS,
                        FINDING.REASON,
                        FINDING.REASON_CODE,
                        FINDING.REASON_PARAMS,
                        FINDING.EVIDENCE_REFS,
                        FINDING.REFERENCE_TIME,
                        FINDING.EXCEPTION_ID)
                .from(FINDING)
                .where(condition);
    }

    private static Finding finding(Record r, ZoneId zone) {
        return new Finding(
                r.get(FINDING.CONTROL_ID),
                r.get(FINDING.REQUIREMENT),
                r.get(FINDING.SUBJECT_TYPE),
                r.get(FINDING.SUBJECT_ID),
                r.get(FINDING.STATUS),
                r.get(FINDING.REASON),
                r.get(FINDING.EVIDENCE_REFS),
                r.get(FINDING.REFERENCE_TIME).atZone(zone).toOffsetDateTime(),
                r.get(FINDING.REASON_CODE),
                r.get(FINDING.REASON_PARAMS),
                r.get(FINDING.EXCEPTION_ID));
    }

    /** The period's submitted run ({@code current}) and the runs whose submission was replaced. */
    private record Submitted(Long current, List<Long> superseded) {}

    private Submitted submittedRuns(Quarter period) {
        List<Long> inOrder = dsl.select(SUBMISSION.RUN_ID)
                .from(SUBMISSION)
                .where(SUBMISSION.PERIOD.eq(period.toString()))
                .orderBy(SUBMISSION.SUBMISSION_ID)
                .fetch(SUBMISSION.RUN_ID);
        if (inOrder.isEmpty()) {
            return new Submitted(null, List.of());
        }
        Long current = inOrder.getLast();
        return new Submitted(
                current, inOrder.stream().filter(id -> !id.equals(current)).toList());
    }

    private static Run run(ScoringRunRecord r, Submitted submitted) {
        return new Run(
                r.getRunId(),
                Quarter.parse(r.getPeriod()),
                r.getPeriodStart(),
                r.getPeriodEnd(),
                ZoneId.of(r.getReportZone()),
                r.getAsOf(),
                r.getEvidenceLoadId(),
                r.getPolicyVersion(),
                r.getPolicySha256(),
                r.getPreviousRunId(),
                r.getBaselineSubmissionId(),
                state(r, submitted),
                r.getStartedAt(),
                r.getFinishedAt(),
                r.getJobExecutionId(),
                r.getErrorMessage());
    }

    private static RunState state(ScoringRunRecord r, Submitted submitted) {
        if (!COMPLETED.equals(r.getStatus())) {
            return "FAILED".equals(r.getStatus()) ? RunState.FAILED : RunState.RUNNING;
        }
        if (Long.valueOf(r.getRunId()).equals(submitted.current())) {
            return RunState.SUBMITTED;
        }
        return submitted.superseded().contains(r.getRunId()) ? RunState.SUPERSEDED : RunState.DRAFT;
    }

    /** Streams a query's rows (MySQL streams only with this fetch size) and closes the cursor. */
    static <R extends Record> void stream(ResultQuery<R> query, Consumer<? super R> action) {
        try (var cursor = query.fetchSize(Integer.MIN_VALUE).fetchLazy()) {
            for (R row : cursor) {
                action.accept(row);
            }
        }
    }
}
