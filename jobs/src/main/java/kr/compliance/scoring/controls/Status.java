package kr.compliance.scoring.controls;

/** The status of one (control, subject) finding (docs/controls.md). */
public enum Status {
    /** The rule held. */
    PASS,
    /** The rule did not hold. */
    FAIL,
    /** The rule failed, but an approved exception covers it. */
    EXCEPTION,
    /** The rule's deadline is after as-of and the evidence is not there yet. */
    PENDING
}
