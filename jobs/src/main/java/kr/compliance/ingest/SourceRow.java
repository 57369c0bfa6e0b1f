package kr.compliance.ingest;

import java.util.List;

/** One record of a source file as read: the line it starts on (the header is line 1) and its fields. */
record SourceRow(long line, List<String> fields) {}
