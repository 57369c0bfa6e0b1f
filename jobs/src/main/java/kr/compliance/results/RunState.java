package kr.compliance.results;

/**
 * Where a scoring run stands (docs/pack.md, "Runs and the submission"). A completed run is a
 * {@code DRAFT} until it is submitted; at most one run of a period is {@code SUBMITTED}; a
 * submission replaced by a later one is {@code SUPERSEDED} and kept.
 */
public enum RunState {
    RUNNING,
    FAILED,
    DRAFT,
    SUBMITTED,
    SUPERSEDED;

    /** Whether findings and scores of the run may be read: it completed. */
    public boolean completed() {
        return this == DRAFT || this == SUBMITTED || this == SUPERSEDED;
    }
}
