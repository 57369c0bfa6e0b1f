package kr.compliance.schedule;

import static kr.compliance.store.jooq.Tables.SUBMISSION_DRIFT_ALERT;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kr.compliance.ingest.IngestService;
import kr.compliance.ingest.LateEvidence;
import kr.compliance.results.RunDiffs;
import kr.compliance.results.ScoringResults;
import kr.compliance.scoring.ScoringService;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.LedgerRows;
import kr.compliance.store.Quarter;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The three outages submitted, then a late passing pre-test: the next scoring tells the webhook,
 * once, that the period now differs from its submission; the same difference is not sent again,
 * a run equal to the submission sends nothing.
 */
@SpringBootTest
class SubmissionDriftIntegrationTests {

    static final Quarter Q3 = Quarter.parse("2026Q3");
    static final Instant AS_OF = Instant.parse("2026-10-05T00:00:00Z");

    @Autowired
    DSLContext dsl;

    @Autowired
    IngestService ingest;

    @Autowired
    ScoringService scoring;

    @Autowired
    ScoringResults results;

    @Autowired
    RunDiffs diffs;

    private HttpServer receiver;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private SubmissionDriftAlerts drift;
    private long submitted;

    @BeforeEach
    void submitTheThreeOutages() throws IOException {
        EvidenceTables.clear(dsl);
        dsl.truncate(SUBMISSION_DRIFT_ALERT).execute();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        AlertProperties properties = new AlertProperties(
                List.of(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")),
                2,
                Duration.ofMillis(50),
                Duration.ofSeconds(2),
                20);
        drift = new SubmissionDriftAlerts(dsl, results, diffs, properties, new WebhookSender(properties));
        ingest.ingest(Path.of("src/main/resources/sample-drop"), null, Duration.ZERO);
        submitted = scoring.score(Q3, AS_OF, Duration.ZERO).runId();
        LedgerRows.submission(dsl, "2026Q3", submitted, Instant.parse("2026-10-10T01:00:00Z"));
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aNewDifferenceIsSentOnceAndTheSameOneNotAgain() throws IOException {
        drift.afterScoring(results.run(submitted).orElseThrow());
        assertThat(bodies).as("the submitted run itself differs from nothing").isEmpty();

        LateEvidence.load(ingest, "tests.csv", LateEvidence.PASSING_PRETEST_OF_CHG_101);
        long later = scoring.score(Q3, AS_OF, Duration.ZERO).runId();
        drift.afterScoring(results.run(later).orElseThrow());
        drift.afterScoring(results.run(later).orElseThrow());

        assertThat(bodies).hasSize(1);
        assertThat(bodies.getFirst())
                .contains("2026Q3 now differs from its submission of 2026-10-10 (run " + submitted + ", now run "
                        + later + "): 2 findings changed, R1 66.7 -> ")
                .contains("OVERALL 68.4 -> ");

        // the next night: scored again as of another time, the same difference
        long nextNight = scoring.score(Q3, AS_OF.plusSeconds(1), Duration.ZERO).runId();
        drift.afterScoring(results.run(nextNight).orElseThrow());
        assertThat(bodies).as("nothing new changed").hasSize(1);
    }
}
