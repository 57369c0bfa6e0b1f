package kr.compliance.ingest;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.ZoneId;

/** A source file that passed the checks before loading: readable, decodable, with its columns. */
record SourceFile(
        String sourceName,
        RecordKind kind,
        Path path,
        String sha256,
        Charset charset,
        ZoneId sourceZone,
        SourceHeader header) {

    String unknownColumnsText() {
        return header.unknownColumns().isEmpty() ? null : String.join(", ", header.unknownColumns());
    }
}
