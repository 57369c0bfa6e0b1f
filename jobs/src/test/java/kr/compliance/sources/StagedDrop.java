package kr.compliance.sources;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a staged drop file back, by header name, the way the ingest will read it. */
final class StagedDrop {

    private StagedDrop() {}

    static List<Map<String, String>> rows(Path file) throws IOException {
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(file)) {
            return csv.stream()
                    .map(record -> (Map<String, String>) new LinkedHashMap<>(record.getFieldsAsMap()))
                    .toList();
        }
    }

    /** Copies a sample folder of {@code src/test/resources/sources} so a test may touch its files. */
    static Path copySample(String name, Path into) throws IOException {
        Path sample = Path.of("src/test/resources/sources", name);
        Path copy = Files.createDirectories(into.resolve(name));
        try (var files = Files.list(sample)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }
}
