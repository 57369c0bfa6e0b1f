package kr.compliance.pack;

/** The rows a pack is made of, as read from the store. */
final class PackRows {

    private PackRows() {}

    /** A row a load rejected. */
    record Rejection(String file, long line, String column, String reason, String raw) {}

    /** A record that names another record the store does not hold. */
    record DanglingReference(String kind, String recordId, String field, String missingId) {}

    /** A runbook's {@code roles} pair that has no {@code =}, so it assigns nobody. */
    record RoleNote(String runbookId, String version, String pair) {}

    /**
     * How many records of a kind the run saw, how many revisions were loaded up to its load, and
     * how many of its records had been revised.
     */
    record RevisionCount(String kind, long records, long revisions, long revisedRecords) {}
}
