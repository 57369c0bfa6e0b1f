package kr.compliance.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class IngestJobConfigurationTests {

    @Test
    void theJobLoadsEveryRecordKindExactlyOnce() {
        List<RecordKind> placed = Stream.concat(
                        IngestJobConfiguration.CONTEXT.stream(),
                        IngestJobConfiguration.LANES.stream().flatMap(List::stream))
                .toList();

        assertThat(placed).containsExactlyInAnyOrder(RecordKind.values());
    }
}
