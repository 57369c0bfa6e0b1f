package kr.compliance.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class ReadAheadTests {

    @TempDir
    Path folder;

    @Test
    void savesTheRowsTheStepTookNotTheRowsReadAheadAndResumesThere() throws IOException {
        Path file = changes(7);
        ExecutionContext context = new ExecutionContext();

        ReadAhead first = readAhead(file, 2);
        first.open(context);
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(first.read().line());
        }
        first.update(context); // what a chunk commit saves; the thread has read further by now
        first.close();

        ReadAhead resumed = readAhead(file, 2);
        resumed.open(context);
        ParsedRow row;
        while ((row = resumed.read()) != null) {
            lines.add(row.line());
        }
        resumed.close();

        assertThat(lines).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void handsOverRejectedRowsInTheirPlace() throws IOException {
        Path file = changes(3);
        Files.writeString(
                file,
                Files.readString(file).replace("CHG-2,talk,DC-A,UPDATE", "CHG-2,talk,DC-A,SOMETIMES"),
                StandardCharsets.UTF_8);
        ReadAhead reader = readAhead(file, 2);
        reader.open(new ExecutionContext());

        assertThat(reader.read()).isInstanceOf(ParsedRow.Accepted.class);
        assertThat(reader.read()).isInstanceOf(ParsedRow.Rejected.class);
        assertThat(reader.read()).isInstanceOf(ParsedRow.Accepted.class);
        assertThat(reader.read()).isNull();
        assertThat(reader.read()).isNull();
        reader.close();
    }

    private Path changes(int rows) throws IOException {
        StringBuilder csv = new StringBuilder(IngestIntegrationTests.CHANGES_HEADER);
        for (int i = 1; i <= rows; i++) {
            csv.append("CHG-").append(i).append(",talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n");
        }
        Path file = folder.resolve("changes.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    private static ReadAhead readAhead(Path file, int batchSize) {
        SourceHeader header = SourceHeader.of(
                RecordKind.CHANGES,
                Arrays.asList(IngestIntegrationTests.CHANGES_HEADER.strip().split(",")));
        return new ReadAhead(
                new CsvRowReader("changesStep", file, StandardCharsets.UTF_8),
                new RowParser(header, ZoneId.of("Asia/Seoul")),
                batchSize);
    }
}
