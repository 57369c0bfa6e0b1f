package kr.compliance.results;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A run diff as CSV, one row per changed finding (the command line and the API write the same
 * bytes): before and after, and the cause: the revisions that touched it, else the run-wide causes.
 */
public final class DiffCsv {

    /** The columns of a diff's CSV, in the pack's {@code changes-since-submission.csv} too. */
    public static final List<String> HEADER = List.of(
            "control_id",
            "subject_type",
            "subject_id",
            "status_before",
            "status_after",
            "reason_before",
            "reason_after",
            "cause");

    private DiffCsv() {}

    /** Writes the diff's changed findings; returns how many. */
    public static long write(RunDiffs diffs, RunDiff diff, OutputStream out) throws IOException {
        long[] rows = {0};
        try (SafeCsv csv = new SafeCsv(out)) {
            csv.row(HEADER.toArray(String[]::new));
            diffs.eachChange(diff, change -> {
                csv.row(row(diff, change));
                rows[0]++;
            });
        }
        return rows[0];
    }

    /** One changed finding as a row of {@link #HEADER}, its reasons in English as stored. */
    public static String[] row(RunDiff diff, FindingChange change) {
        return row(diff, change, ReasonWording::text);
    }

    /** One changed finding as a row of {@link #HEADER}, its reasons in {@code lang} (a pack's). */
    public static String[] rowIn(RunDiff diff, FindingChange change, String lang) {
        return row(diff, change, reason -> reason.in(lang));
    }

    private static String[] row(RunDiff diff, FindingChange change, Function<ReasonWording, String> wording) {
        return new String[] {
            change.controlId(),
            change.subjectType(),
            change.subjectId(),
            change.statusBefore(),
            change.statusAfter(),
            change.reasonBefore() == null ? null : wording.apply(change.reasonBefore()),
            change.reasonAfter() == null ? null : wording.apply(change.reasonAfter()),
            cause(diff, change)
        };
    }

    /** The revisions that touched the finding, then the run-wide causes; never empty. */
    public static String cause(RunDiff diff, FindingChange change) {
        List<String> causes = change.revisions().stream().map(Object::toString).collect(Collectors.toList());
        if (!diff.runCauses().isEmpty()) {
            causes.add(diff.runCauses());
        }
        return causes.isEmpty() ? "evidence loaded between the runs: " + loads(diff) : String.join("; ", causes);
    }

    private static String loads(RunDiff diff) {
        return diff.loadsBetween().isEmpty()
                ? "none"
                : diff.loadsBetween().stream()
                        .map(load -> "load " + load.loadId() + " " + load.file())
                        .collect(Collectors.joining(", "));
    }
}
