package kr.compliance.scoring;

import static kr.compliance.store.jooq.Tables.*;
import static org.jooq.impl.DSL.*;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import kr.compliance.scoring.controls.Judging;
import kr.compliance.scoring.controls.Status;
import kr.compliance.scoring.controls.SubjectType;
import kr.compliance.scoring.policy.Policy;
import kr.compliance.scoring.policy.PolicyFile;
import kr.compliance.store.GeneratedKeys;
import kr.compliance.store.Quarter;
import kr.compliance.store.Revisions;
import kr.compliance.store.jooq.tables.records.ScoringRunRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Scoring runs, their findings' exceptions and their scores. A run's rows are written by that run only. */
@Repository
class ScoringRuns {

    private final DSLContext dsl;

    ScoringRuns(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The last load whose rows a run will see: the newest load that finished. */
    long latestFinishedLoad() {
        Long id = dsl.select(max(INGEST_LOAD.LOAD_ID))
                .from(INGEST_LOAD)
                .where(INGEST_LOAD.STATUS.eq("COMPLETED"))
                .fetchOne(0, Long.class);
        return id == null ? 0 : id;
    }

    /**
     * Opens a run. What it will be compared with is fixed now: the previous quarter's submitted
     * run, and its own period's current submission, if they have one, so scoring or submitting
     * later never changes this run's pack.
     */
    long open(Quarter period, ZoneId zone, Instant asOf, long evidenceLoadId, Policy policy) {
        Long previousRunId = dsl.select(SUBMISSION.RUN_ID)
                .from(SUBMISSION)
                .where(SUBMISSION.PERIOD.eq(period.previous().toString()))
                .orderBy(SUBMISSION.SUBMISSION_ID.desc())
                .limit(1)
                .fetchOne(SUBMISSION.RUN_ID);
        Long baselineSubmissionId = dsl.select(DSL.max(SUBMISSION.SUBMISSION_ID))
                .from(SUBMISSION)
                .where(SUBMISSION.PERIOD.eq(period.toString()))
                .fetchOne(0, Long.class);
        return GeneratedKeys.insert(
                dsl,
                tx -> tx.insertInto(SCORING_RUN)
                        .set(SCORING_RUN.PERIOD, period.toString())
                        .set(SCORING_RUN.PERIOD_START, period.start(zone))
                        .set(SCORING_RUN.PERIOD_END, period.end(zone))
                        .set(SCORING_RUN.REPORT_ZONE, zone.getId())
                        .set(SCORING_RUN.PREVIOUS_RUN_ID, previousRunId)
                        .set(SCORING_RUN.BASELINE_SUBMISSION_ID, baselineSubmissionId)
                        .set(SCORING_RUN.AS_OF, asOf)
                        .set(SCORING_RUN.EVIDENCE_LOAD_ID, evidenceLoadId)
                        .set(SCORING_RUN.POLICY_VERSION, policy.version())
                        .set(SCORING_RUN.POLICY_SHA256, policy.sha256())
                        .set(SCORING_RUN.POLICY_CONTENT, policy.content())
                        .set(SCORING_RUN.STATUS, "STARTED")
                        .set(SCORING_RUN.STARTED_AT, Instant.now()));
    }

    /** The run of the same period, as-of, evidence and policy, if one was made. */
    Optional<ScoringRunRecord> sameRun(Quarter period, Instant asOf, long evidenceLoadId, Policy policy) {
        return dsl.selectFrom(SCORING_RUN)
                .where(
                        SCORING_RUN.PERIOD.eq(period.toString()),
                        SCORING_RUN.AS_OF.eq(asOf),
                        SCORING_RUN.EVIDENCE_LOAD_ID.eq(evidenceLoadId),
                        SCORING_RUN.POLICY_SHA256.eq(policy.sha256()))
                .orderBy(SCORING_RUN.RUN_ID.desc())
                .limit(1)
                .fetchOptional();
    }

    /**
     * Refuses a policy whose version was already used by a run with other content: a version names
     * one content, so a pack's policy version always tells which thresholds judged it.
     */
    void requireOneContentPerVersion(Policy policy) {
        dsl.select(SCORING_RUN.POLICY_CONTENT)
                .from(SCORING_RUN)
                .where(SCORING_RUN.POLICY_VERSION.eq(policy.version()), SCORING_RUN.POLICY_SHA256.ne(policy.sha256()))
                .orderBy(SCORING_RUN.RUN_ID)
                .limit(1)
                .fetchOptional(SCORING_RUN.POLICY_CONTENT)
                .ifPresent(used -> {
                    throw new ScoringFailedException("policy version " + policy.version()
                            + " was already used with other content (keys that differ: "
                            + String.join(", ", PolicyFile.differingKeys(used, policy.content()))
                            + "); give the changed policy a new version");
                });
    }

    ScoringRunRecord run(long runId) {
        return dsl.selectFrom(SCORING_RUN).where(SCORING_RUN.RUN_ID.eq(runId)).fetchSingle();
    }

    /**
     * What a run judges, from its own record: its period, as-of, evidence load and the policy content
     * it stored, so every step and every restart judges as the first attempt did.
     */
    ScoringScope scope(long runId) {
        ScoringRunRecord run = run(runId);
        Policy policy = PolicyFile.parse(run.getPolicyContent(), "of run " + runId);
        return new ScoringScope(
                runId,
                Quarter.parse(run.getPeriod()),
                run.getPeriodStart(),
                run.getPeriodEnd(),
                run.getEvidenceLoadId(),
                new Judging(policy, run.getAsOf(), ZoneId.of(run.getReportZone())));
    }

    void attach(long runId, long jobExecutionId) {
        dsl.update(SCORING_RUN)
                .set(SCORING_RUN.JOB_EXECUTION_ID, jobExecutionId)
                .where(SCORING_RUN.RUN_ID.eq(runId))
                .execute();
    }

    /** A failed run tried again: it is running once more, its old error gone. */
    void retry(long runId) {
        dsl.update(SCORING_RUN)
                .set(SCORING_RUN.STATUS, "STARTED")
                .setNull(SCORING_RUN.ERROR_MESSAGE)
                .setNull(SCORING_RUN.FINISHED_AT)
                .where(SCORING_RUN.RUN_ID.eq(runId))
                .execute();
    }

    void fail(long runId, String message) {
        dsl.update(SCORING_RUN)
                .set(SCORING_RUN.STATUS, "FAILED")
                .set(SCORING_RUN.FINISHED_AT, Instant.now())
                .set(SCORING_RUN.ERROR_MESSAGE, message.length() > 4000 ? message.substring(0, 4000) : message)
                .where(SCORING_RUN.RUN_ID.eq(runId))
                .execute();
    }

    /**
     * A FAIL becomes EXCEPTION when an exception for that control and subject is valid at the
     * subject's reference time and, for a change, was approved by someone other than its requester.
     * The lowest such exception id is named; the exception joins the evidence.
     *
     * <p>Both statements start from the exceptions, a few per thousand findings, and reach each one's
     * finding by its primary key: a quarter's findings are never scanned (at a million changes, a
     * pass over the run's FAIL findings took 36 s).
     */
    int applyExceptions(ScoringScope scope) {
        var e = CONTROL_EXCEPTION.as("e");
        var c = CHANGE_RECORD.as("c");
        var covering = CONTROL_EXCEPTION.as("covering");
        var lowestCovering = select(min(covering.EXCEPTION_ID))
                .from(covering)
                .where(
                        Revisions.currentAsOfLoad(covering, scope.evidenceLoadId()),
                        covering.CONTROL_KEY.eq(FINDING.CONTROL_ID),
                        covering.SUBJECT_ID.eq(FINDING.SUBJECT_ID),
                        covering.VALID_FROM.le(FINDING.REFERENCE_TIME),
                        covering.VALID_UNTIL.ge(FINDING.REFERENCE_TIME),
                        FINDING.SUBJECT_TYPE
                                .ne(SubjectType.CHANGE.name())
                                .or(notExists(selectOne()
                                        .from(c)
                                        .where(
                                                Revisions.currentAsOfLoad(c, scope.evidenceLoadId()),
                                                c.CHANGE_ID.eq(FINDING.SUBJECT_ID),
                                                upper(trim(c.REQUESTED_BY)).eq(upper(trim(covering.APPROVED_BY)))))));
        var failuresWithAnException = FINDING.join(e)
                .on(
                        FINDING.RUN_ID.eq(scope.runId()),
                        FINDING.CONTROL_ID.eq(e.CONTROL_KEY),
                        FINDING.SUBJECT_ID.eq(e.SUBJECT_ID),
                        Revisions.currentAsOfLoad(e, scope.evidenceLoadId()));
        dsl.update(failuresWithAnException)
                .set(FINDING.EXCEPTION_ID, field(lowestCovering))
                .where(FINDING.STATUS.eq(Status.FAIL.name()))
                .execute();
        return dsl.update(failuresWithAnException)
                .set(FINDING.STATUS, Status.EXCEPTION.name())
                .set(FINDING.REASON, concat(FINDING.REASON, inline("; covered by exception "), FINDING.EXCEPTION_ID))
                .set(
                        FINDING.EVIDENCE_REFS,
                        DSL.when(FINDING.EVIDENCE_REFS.eq(""), FINDING.EXCEPTION_ID)
                                .otherwise(concat(
                                        FINDING.EVIDENCE_REFS, inline(Finding.REF_SEPARATOR), FINDING.EXCEPTION_ID)))
                .where(FINDING.STATUS.eq(Status.FAIL.name()), FINDING.EXCEPTION_ID.isNotNull())
                .execute();
    }

    /** Counts the run's findings per requirement and status, scores them, stores and returns the rows. */
    List<Score> score(long runId, Policy policy) {
        // counted per control from the index by status alone (V0091), not from the wide rows
        var counts = dsl.select(FINDING.STATUS, FINDING.CONTROL_ID, count())
                .from(FINDING)
                .where(FINDING.RUN_ID.eq(runId))
                .groupBy(FINDING.STATUS, FINDING.CONTROL_ID)
                .fetch();
        List<Score> requirements = java.util.Arrays.stream(Requirement.values())
                .map(requirement -> {
                    long[] byStatus = new long[Status.values().length];
                    counts.stream()
                            .filter(row -> Controls.requirementOf(row.value2()).equals(requirement.name()))
                            .forEach(
                                    row -> byStatus[Status.valueOf(row.value1()).ordinal()] += row.value3());
                    return Score.of(
                            requirement.name(),
                            byStatus[Status.PASS.ordinal()],
                            byStatus[Status.FAIL.ordinal()],
                            byStatus[Status.EXCEPTION.ordinal()],
                            byStatus[Status.PENDING.ordinal()],
                            policy);
                })
                .toList();
        List<Score> rows = new java.util.ArrayList<>(requirements);
        rows.add(Score.overall(requirements, policy));
        dsl.deleteFrom(REQUIREMENT_SCORE)
                .where(REQUIREMENT_SCORE.RUN_ID.eq(runId))
                .execute();
        for (Score row : rows) {
            dsl.insertInto(REQUIREMENT_SCORE)
                    .set(REQUIREMENT_SCORE.RUN_ID, runId)
                    .set(REQUIREMENT_SCORE.REQUIREMENT, row.requirement())
                    .set(REQUIREMENT_SCORE.PASS_COUNT, row.pass())
                    .set(REQUIREMENT_SCORE.FAIL_COUNT, row.fail())
                    .set(REQUIREMENT_SCORE.EXCEPTION_COUNT, row.exception())
                    .set(REQUIREMENT_SCORE.PENDING_COUNT, row.pending())
                    .set(REQUIREMENT_SCORE.SCORE, row.score())
                    .set(REQUIREMENT_SCORE.RATING, row.rating())
                    .execute();
        }
        long findings = rows.getLast().pass()
                + rows.getLast().fail()
                + rows.getLast().exception()
                + rows.getLast().pending();
        dsl.update(SCORING_RUN)
                .set(SCORING_RUN.STATUS, "COMPLETED")
                .set(SCORING_RUN.FINISHED_AT, Instant.now())
                .set(SCORING_RUN.FINDINGS_COUNT, findings)
                .where(SCORING_RUN.RUN_ID.eq(runId))
                .execute();
        return rows;
    }
}
