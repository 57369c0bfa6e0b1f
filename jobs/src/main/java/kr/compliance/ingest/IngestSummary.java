package kr.compliance.ingest;

import java.util.List;

/**
 * What an ingest did, file by file.
 *
 * @param alreadyLoaded the same bytes were loaded before by a completed run; nothing was redone
 */
public record IngestSummary(String source, long jobExecutionId, boolean alreadyLoaded, List<FileSummary> files) {

    /** One file's counts and the columns it had that the format does not know. */
    public record FileSummary(String fileName, LoadCounts counts, String unknownColumns) {}

    public LoadCounts totals() {
        return files.stream().map(FileSummary::counts).reduce(LoadCounts.NONE, LoadCounts::plus);
    }

    public long rejected() {
        return totals().rejected();
    }
}
