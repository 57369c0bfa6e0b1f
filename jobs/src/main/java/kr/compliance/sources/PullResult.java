package kr.compliance.sources;

import java.nio.file.Path;
import java.util.Map;
import kr.compliance.ingest.IngestSummary;

/**
 * One pull: where its drop was staged, how many rows each file got, and what the ingest made of them.
 *
 * @param folder the staged drop, kept as the record of what was pulled
 */
public record PullResult(String source, Path folder, Map<String, Long> rowsPulled, IngestSummary ingest) {}
