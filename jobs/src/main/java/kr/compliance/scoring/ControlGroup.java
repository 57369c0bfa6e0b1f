package kr.compliance.scoring;

import static kr.compliance.store.jooq.Tables.*;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import kr.compliance.scoring.controls.*;
import org.jooq.Field;
import org.jooq.TableField;

/**
 * The controls that judge one kind of subject, and how to name and date that subject. Each group is
 * one step of the {@code scoreJob}, so Spring Batch records its time; its partitions are ranges of
 * {@code subjectKey} ({@link SubjectRanges}), counted within the period by {@code periodTime} where
 * one column dates the subject (null where the period is found through another record).
 */
record ControlGroup<F>(
        String stepName,
        SubjectType subjectType,
        List<Control<F>> controls,
        Function<F, String> subjectId,
        BiFunction<F, ScoringScope, Instant> referenceTime,
        TableField<?, String> subjectKey,
        Field<Instant> periodTime) {

    static final ControlGroup<ChangeFacts> CHANGES = new ControlGroup<>(
            "changeControlsStep",
            SubjectType.CHANGE,
            List.of(
                    new R1_1_PretestPassed(),
                    new R1_2_PretestParity(),
                    new R1_3_DestructiveSafeguard(),
                    new R2_1_ApprovedBeforeStart(),
                    new R2_2_WithinWindow(),
                    new R2_3_NoChangeDuringOpenIncident()),
            ChangeFacts::changeId,
            (change, scope) -> change.startedAt(),
            CHANGE_RECORD.CHANGE_ID,
            CHANGE_RECORD.STARTED_AT);

    static final ControlGroup<IncidentFacts> INCIDENTS = new ControlGroup<>(
            "incidentControlsStep",
            SubjectType.INCIDENT,
            List.of(
                    new R3_1_RunbookCurrent(),
                    new R3_3_CommanderAssigned(),
                    new R4_1_DetectedByMonitoring(),
                    new R4_2_TimeToDetect(),
                    new R5_1_PostmortemOnTime(),
                    new R6_1_NotifiedPromptly(),
                    new R6_2_MultiChannel(),
                    new R6_3_ResolutionNotice()),
            IncidentFacts::incidentId,
            (incident, scope) -> incident.startedAt(),
            INCIDENT.INCIDENT_ID,
            INCIDENT.STARTED_AT);

    static final ControlGroup<RunbookFacts> RUNBOOKS = new ControlGroup<>(
            "runbookControlsStep",
            SubjectType.RUNBOOK,
            List.of(new R3_2_RunbookRoles()),
            RunbookFacts::runbookId,
            // runbooks are judged as they stand at the end of the period
            (runbook, scope) -> scope.end(),
            RUNBOOK.RUNBOOK_ID,
            null);

    static final ControlGroup<PostmortemFacts> POSTMORTEMS = new ControlGroup<>(
            "postmortemControlsStep",
            SubjectType.POSTMORTEM,
            List.of(new R5_2_PostmortemComplete()),
            PostmortemFacts::postmortemId,
            (postmortem, scope) -> postmortem.incidentStartedAt(),
            POSTMORTEM.POSTMORTEM_ID,
            null);

    static final ControlGroup<ActionItemFacts> ACTION_ITEMS = new ControlGroup<>(
            "actionItemControlsStep",
            SubjectType.ACTION_ITEM,
            List.of(new R5_3_ActionItemClosed()),
            ActionItemFacts::actionItemId,
            (item, scope) -> item.dueAt(),
            ACTION_ITEM.ACTION_ITEM_ID,
            ACTION_ITEM.DUE_AT);

    List<String> controlIds() {
        return controls.stream().map(Control::id).toList();
    }

    /** Judges one subject with every control of the group and hands each finding on. */
    void judge(F facts, ScoringScope scope, FindingWriter findings) {
        for (Control<F> control : controls) {
            control.judge(facts, scope.judging())
                    .ifPresent(verdict -> findings.write(new Finding(
                            control.id(),
                            control.requirement(),
                            subjectType,
                            subjectId.apply(facts),
                            verdict.status(),
                            ReasonText.english(verdict.reason()),
                            verdict.reason().code(),
                            verdict.reason().paramsJson(),
                            verdict.evidence(),
                            referenceTime.apply(facts, scope))));
        }
    }
}
