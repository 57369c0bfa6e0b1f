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
import kr.compliance.store.KeyPartition;
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

    @Test
    void aPartitionKeepsTheRowsOfItsKeysInFileOrderAndResumesAfterItsLastRowTaken() throws IOException {
        Path file = changes(40);
        Files.writeString(
                file,
                "CHG-RAW,talk,DC-A,SOMETIMES,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n"
                        + ",talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        List<List<Long>> byPartition = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            KeyPartition partition = new KeyPartition(index, 3);
            ExecutionContext context = new ExecutionContext();
            ReadAhead first = readAhead(file, partition, 4);
            first.open(context);
            List<Long> lines =
                    new ArrayList<>(List.of(first.read().line(), first.read().line()));
            first.update(context);
            first.close();
            ReadAhead resumed = readAhead(file, partition, 4);
            resumed.open(context);
            ParsedRow row;
            while ((row = resumed.read()) != null) {
                lines.add(row.line());
            }
            resumed.close();
            byPartition.add(lines);
        }

        List<Long> everyLine =
                byPartition.stream().flatMap(List::stream).sorted().toList();
        assertThat(everyLine)
                .as("every row once, across the partitions")
                .isEqualTo(
                        java.util.stream.LongStream.rangeClosed(2, 43).boxed().toList());
        for (int index = 0; index < 3; index++) {
            List<Long> lines = byPartition.get(index);
            assertThat(lines).as("partition %d in file order", index).isSorted();
            for (long line : lines) {
                String id = line <= 41 ? "CHG-" + (line - 1) : line == 42 ? "CHG-RAW" : "";
                assertThat(new KeyPartition(index, 3).owns(id))
                        .as("line %d", line)
                        .isTrue();
            }
        }
        assertThat(byPartition.get(0))
                .as("a row without an id belongs to partition 0")
                .contains(43L);
    }

    @Test
    void anIdIsHashedTrimmedAsTheDatabaseDoes() {
        // CRC32 of the id's UTF-8 bytes, as MySQL's CRC32() of a utf8mb4 value
        for (int index = 0; index < 5; index++) {
            KeyPartition partition = new KeyPartition(index, 5);
            assertThat(partition.owns(" CHG-1\t")).isEqualTo(partition.owns("CHG-1"));
        }
        assertThat(KeyPartition.hash("변경-1")).isEqualTo(3_721_972_034L);
        assertThat(new KeyPartition(0, 1).owns(null)).isTrue();
        assertThat(new KeyPartition(0, 4).owns("  ")).isTrue();
        assertThat(new KeyPartition(1, 4).owns("  ")).isFalse();
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
        return readAhead(file, KeyPartition.WHOLE, batchSize);
    }

    private static ReadAhead readAhead(Path file, KeyPartition partition, int batchSize) {
        SourceHeader header = SourceHeader.of(
                RecordKind.CHANGES,
                Arrays.asList(IngestIntegrationTests.CHANGES_HEADER.strip().split(",")));
        return new ReadAhead(
                new CsvRowReader("changesStep", file, StandardCharsets.UTF_8),
                new RowParser(header, ZoneId.of("Asia/Seoul")),
                partition,
                batchSize);
    }
}
