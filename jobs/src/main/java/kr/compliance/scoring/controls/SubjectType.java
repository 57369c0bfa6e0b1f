package kr.compliance.scoring.controls;

/** The kinds of record a control judges. */
public enum SubjectType {
    CHANGE,
    INCIDENT,
    RUNBOOK,
    POSTMORTEM,
    ACTION_ITEM
}
