package kr.compliance.results;

import static kr.compliance.store.jooq.Tables.CHANGE_RECORD;
import static kr.compliance.store.jooq.Tables.CONTROL_EXCEPTION;
import static kr.compliance.store.jooq.Tables.FINDING;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kr.compliance.store.Revisions;
import kr.compliance.store.TextKeys;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Service;

/**
 * What each exception of a run's period did: the findings it covered, or why it covered none.
 * The reasons follow scoring's one rule (docs/controls.md, "Exceptions"): an exception covers a
 * {@code FAIL} of its control and subject whose reference time is within its validity, and for a
 * change only when approved by someone other than the change's requester; the lowest id wins.
 */
@Service
public class ExceptionCoverages {

    private final DSLContext dsl;
    private final ScoringResults results;

    ExceptionCoverages(DSLContext dsl, ScoringResults results) {
        this.dsl = dsl;
        this.results = results;
    }

    /** The exceptions valid at some time in the run's period, by id, as the run saw them. */
    public List<ExceptionCoverage> of(Run run) {
        Map<String, List<String>> covered = results.coveredFindings(run);
        return dsl.selectFrom(CONTROL_EXCEPTION)
                .where(
                        Revisions.currentAsOfLoad(CONTROL_EXCEPTION, run.evidenceLoadId()),
                        CONTROL_EXCEPTION.VALID_FROM.lt(run.periodEnd()),
                        CONTROL_EXCEPTION.VALID_UNTIL.ge(run.periodStart()))
                .orderBy(CONTROL_EXCEPTION.EXCEPTION_ID)
                .fetch(e -> {
                    List<String> covers = covered.getOrDefault(e.getExceptionId(), List.of());
                    return new ExceptionCoverage(
                            e.getExceptionId(),
                            e.getControlId(),
                            e.getSubjectId(),
                            e.getReason(),
                            e.getApprovedBy(),
                            e.getValidFrom().atZone(run.zone()).toOffsetDateTime(),
                            e.getValidUntil().atZone(run.zone()).toOffsetDateTime(),
                            covers,
                            covers.isEmpty()
                                    ? whyNothing(
                                            run,
                                            e.getControlKey(),
                                            e.getSubjectId(),
                                            e.getApprovedBy(),
                                            e.getValidFrom(),
                                            e.getValidUntil())
                                    : null);
                });
    }

    private String whyNothing(
            Run run, String control, String subject, String approvedBy, Instant validFrom, Instant validUntil) {
        Record finding = dsl.select(FINDING.STATUS, FINDING.SUBJECT_TYPE, FINDING.REFERENCE_TIME, FINDING.EXCEPTION_ID)
                .from(FINDING)
                .where(FINDING.RUN_ID.eq(run.runId()), FINDING.CONTROL_ID.eq(control), FINDING.SUBJECT_ID.eq(subject))
                .fetchOne();
        if (finding == null) {
            return "the run has no " + control + " finding for " + subject;
        }
        String status = finding.get(FINDING.STATUS);
        if (!"FAIL".equals(status) && !"EXCEPTION".equals(status)) {
            return control + " " + subject + " is " + status + ": there is no failure to cover";
        }
        if (finding.get(FINDING.EXCEPTION_ID) != null) {
            return "exception " + finding.get(FINDING.EXCEPTION_ID) + " (the lowest id) covers " + control + " "
                    + subject;
        }
        Instant reference = finding.get(FINDING.REFERENCE_TIME);
        if (reference.isBefore(validFrom) || reference.isAfter(validUntil)) {
            return "the finding's reference time "
                    + reference.atZone(run.zone()).toOffsetDateTime() + " is outside the exception's validity";
        }
        if ("CHANGE".equals(finding.get(FINDING.SUBJECT_TYPE))) {
            String requester = dsl.select(CHANGE_RECORD.REQUESTED_BY)
                    .from(CHANGE_RECORD)
                    .where(
                            Revisions.currentAsOfLoad(CHANGE_RECORD, run.evidenceLoadId()),
                            CHANGE_RECORD.CHANGE_ID.eq(subject))
                    .fetchOne(CHANGE_RECORD.REQUESTED_BY);
            if (requester != null && TextKeys.key(requester).equals(TextKeys.key(approvedBy))) {
                return "approved by the change's own requester (" + requester.strip()
                        + "): a self-approved exception covers nothing";
            }
        }
        return "it does not meet the rule of docs/controls.md, \"Exceptions\"";
    }
}
