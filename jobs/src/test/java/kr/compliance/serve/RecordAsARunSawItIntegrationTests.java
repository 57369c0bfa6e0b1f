package kr.compliance.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kr.compliance.ingest.IngestService;
import kr.compliance.ingest.LateEvidence;
import kr.compliance.scoring.ScoringService;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.Quarter;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A record opened from a run's findings shows its links as that run saw them: a test loaded after
 * the run is not listed as what the run judged, and is listed for a run scored after it.
 */
@SpringBootTest
class RecordAsARunSawItIntegrationTests {

    private static final Quarter Q3 = Quarter.parse("2026Q3");
    private static final Instant AS_OF = Instant.parse("2026-10-05T00:00:00Z");

    @Autowired
    DSLContext dsl;

    @Autowired
    IngestService ingest;

    @Autowired
    ScoringService scoring;

    @Autowired
    EvidenceRecords records;

    @Test
    void aTestLoadedAfterARunIsNotAmongTheLinksThatRunSaw() throws IOException {
        EvidenceTables.clear(dsl);
        ingest.ingest(Path.of("src/main/resources/sample-drop"), null, Duration.ZERO);
        long before = scoring.score(Q3, AS_OF, Duration.ZERO).runId();
        LateEvidence.load(ingest, "tests.csv", LateEvidence.PASSING_PRETEST_OF_CHG_101);
        long after = scoring.score(Q3, AS_OF.plusSeconds(1), Duration.ZERO).runId();

        assertThat(testedBy(records.view("CHANGE", "CHG-101", before))).doesNotContain("T-901");
        assertThat(testedBy(records.view("CHANGE", "CHG-101", after))).contains("T-901");
        assertThat(testedBy(records.view("CHANGE", "CHG-101"))).contains("T-901");
        assertThat(records.view("CHANGE", "CHG-101", before).seenByRun()).isEqualTo(before);
        assertThat(records.view("TEST", "T-901").revisions())
                .as("every revision is listed whichever run is asked")
                .hasSize(1);
        assertThatThrownBy(() -> records.view("CHANGE", "CHG-101", 999_999L))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no scoring run 999999");
    }

    private static List<String> testedBy(EvidenceRecords.RecordView view) {
        return view.links().stream()
                .filter(link -> link.relation().equals("tested by"))
                .map(EvidenceRecords.Link::id)
                .toList();
    }
}
