package kr.compliance.serve;

import static kr.compliance.serve.ServeHttp.json;
import static kr.compliance.store.jooq.Tables.ACCESS_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kr.compliance.ingest.IngestService;
import kr.compliance.pack.PackLauncher;
import kr.compliance.pack.PackRequest;
import kr.compliance.scoring.ScoringService;
import kr.compliance.store.Quarter;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What a reviewer asks of the API about the three outages, over real HTTP: the runs and their
 * states, filters that refuse what cannot match, what each exception covered, every page view and
 * download in the access log, the restatement between two runs, and a run requested over HTTP
 * that scores and packs.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ServeFixture.HOME, ServeFixture.SHORT_LOCK})
class ReviewApiIntegrationTests {

    static final Quarter Q3 = Quarter.parse("2026Q3");

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Autowired
    Users users;

    @Autowired
    IngestService ingest;

    @Autowired
    ScoringService scoring;

    @Autowired
    PackLauncher packs;

    ServeHttp http;
    long runId;

    @BeforeEach
    void theThreeOutagesScoredAndPacked() throws Exception {
        ServeFixture.load(dsl, users);
        kr.compliance.store.EvidenceTables.clear(dsl);
        http = new ServeHttp(port);
        ingest.ingest(Path.of("src/main/resources/sample-drop"), null, Duration.ZERO);
        runId = scoring.score(Q3, Instant.parse("2026-10-05T00:00:00Z"), Duration.ZERO)
                .runId();
        packs.make(new PackRequest(Q3, runId, "en", Path.of("target/review-packs"), Instant.now()));
    }

    @Test
    void theRunsOfAPeriodCarryTheirStateAndScores() throws Exception {
        JsonNode runs = json(get("/api/periods/2026Q3/runs"));
        assertThat(runs.size()).isEqualTo(1);
        assertThat(runs.get(0).get("run_id").asLong()).isEqualTo(runId);
        assertThat(runs.get(0).get("state").asString()).isEqualTo("DRAFT");
        assertThat(runs.get(0).get("policy_version").asString()).isEqualTo("2026.1");
        assertThat(runs.get(0).get("scores").get(6).get("score").asString()).isEqualTo("68.4");

        var scores = get("/api/periods/2026Q3/scores?run=" + runId);
        assertThat(scores.headers().firstValue("Run-State")).hasValue("DRAFT");
        assertThat(get("/api/periods/2026Q3/scores?run=" + (runId + 100)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aFilterThatCannotMatchIsRefusedWithTheValuesThereAre() throws Exception {
        var status = get("/api/periods/2026Q3/findings?status=FAILED");
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(json(status).get("error").asString())
                .isEqualTo("status 'FAILED' is none of PASS, FAIL, EXCEPTION, PENDING");
        var control = get("/api/periods/2026Q3/findings?control=R9.9");
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(json(control).get("error").asString()).startsWith("control 'R9.9' is none of R1.1, R1.2, R1.3");
        assertThat(get("/api/periods/2026Q3/findings?control=r2.3&status=fail").statusCode())
                .as("known values in any case")
                .isEqualTo(200);
        var page = get("/periods/2026Q3/findings?status=FAILED", "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("status &#39;FAILED&#39; is none of PASS, FAIL, EXCEPTION, PENDING");
    }

    @Test
    void aFindingKeepsItsEnglishReasonAndGivesItsCodeAndParameters() throws Exception {
        JsonNode item = json(get("/api/periods/2026Q3/findings?control=R6.2&status=FAIL"))
                .get("items")
                .get(0);
        assertThat(item.get("reason").asString())
                .isEqualTo("1 channel(s) (STATUS_PAGE) within 60 min of detection: fewer than 2 channels and no SNS");
        assertThat(item.get("reason_code").asString()).isEqualTo("R6.2.channels-short");
        JsonNode params = item.get("reason_params");
        assertThat(params.get("within").asString()).isEqualTo("PT1H");
        assertThat(params.get("count").asInt()).isEqualTo(1);
        assertThat(params.get("absent").get(0).asString()).isEqualTo("SNS");
        assertThat(json(get("/api/periods/2026Q3/findings?control=R1.1&subject=CHG-106"))
                        .get("items")
                        .get(0)
                        .get("reason")
                        .asString())
                .as("a covered failure")
                .endsWith("; covered by exception EX-1");

        String csv = get("/api/periods/2026Q3/findings?control=R4.1&status=FAIL", "Accept", "text/csv")
                .body();
        assertThat(csv.lines().toList())
                .containsExactly(
                        "\uFEFFcontrol_id,requirement,subject_type,subject_id,status,reason,evidence_refs,"
                                + "reference_time,reason_code,reason_params",
                        "R4.1,R4,INCIDENT,INC-2,FAIL,\"detected by USER_REPORT, not by monitoring\",,"
                                + "2026-08-01T18:06:00+09:00,R4.1.not-monitoring,\"{\"\"source\"\":\"\"USER_REPORT\"\"}\"");
    }

    @Test
    void eachExceptionSaysWhatItCoversOrWhyNothing() throws Exception {
        JsonNode exceptions = json(get("/api/periods/2026Q3/exceptions"));
        List<String> summary = new ArrayList<>();
        exceptions.forEach(e -> summary.add(e.get("exception_id").asString() + " covers "
                + e.get("covers") + " / "
                + (e.get("covers_nothing_because").isNull()
                        ? "-"
                        : e.get("covers_nothing_because").asString())));
        assertThat(summary)
                .containsExactly(
                        "EX-1 covers [\"R1.1 CHG-106\"] / -",
                        "EX-2 covers [] / approved by the change's own requester (park): a self-approved exception"
                                + " covers nothing",
                        "EX-3 covers [] / the finding's reference time 2026-08-01T18:06+09:00 is outside the"
                                + " exception's validity");
    }

    @Test
    void aPageViewACsvExportAndAPackDownloadAreEachLoggedOnce() throws Exception {
        for (String path : List.of(
                "/periods/2026Q3/findings", "/periods/2026Q3/findings.csv", "/periods/2026Q3/pack.zip?run=" + runId)) {
            String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            int before = logged(bare);
            var response = get(path, "Accept", "*/*");
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            // recorded when the response has ended, which a streamed body's client may see first
            for (Instant until = Instant.now().plusSeconds(5);
                    logged(bare) == before && Instant.now().isBefore(until);
                    Thread.sleep(50)) {}
            assertThat(logged(bare)).as(path).isEqualTo(before + 1);
        }
        assertThat(dsl.fetchCount(ACCESS_LOG, ACCESS_LOG.PATH.like("/css/%")))
                .as("static files are not requests of a reviewer")
                .isZero();
    }

    @Test
    void theApiDescriptionIsThisProductsWithHttpBasic() throws Exception {
        JsonNode api = json(http.send("GET", "/v3/api-docs", null, null));
        assertThat(api.get("info").get("title").asString()).isEqualTo("Compliance evidence API");
        assertThat(api.get("info").get("version").asString()).startsWith("compliance ");
        assertThat(api.get("components")
                        .get("securitySchemes")
                        .get("basic")
                        .get("scheme")
                        .asString())
                .isEqualTo("basic");
        assertThat(api.at("/components/schemas/Finding/properties/reason_params/type")
                        .asString())
                .as("a finding's reason parameters are described as the JSON object they are")
                .isEqualTo("object");
    }

    @Test
    void aRunRequestedOverHttpScoresPacksAndIsRestatedAgainstTheFirst() throws Exception {
        var started = http.send("POST", "/api/periods/2026Q3/runs", "officer", ServeFixture.PASSWORD);
        assertThat(started.statusCode()).isEqualTo(202);
        long requested = json(started).get("run_id").asLong();
        JsonNode status = null;
        for (Instant until = Instant.now().plusSeconds(180); Instant.now().isBefore(until); Thread.sleep(500)) {
            status = json(get("/api/runs/" + requested));
            if (!status.get("status").asString().equals("RUNNING")) {
                break;
            }
        }
        assertThat(status.get("status").asString()).as(status.toString()).isEqualTo("COMPLETED");
        assertThat(status.get("progress").get("read_count").asLong()).isPositive();
        assertThat(status.get("progress").get("write_count").asLong()).isPositive();
        long scored = status.get("scoring_run_id").asLong();

        var pack = http.send(
                "GET", "/api/periods/2026Q3/pack?run=" + scored, "auditor", ServeFixture.PASSWORD, "Accept", "*/*");
        assertThat(pack.statusCode()).isEqualTo(200);
        assertThat(pack.headers().firstValue("Run-Id")).hasValue(Long.toString(scored));
        JsonNode diff = json(get("/api/periods/2026Q3/diff?from=" + runId + "&to=" + scored));
        assertThat(diff.get("as_of_changed").asBoolean())
                .as("the request's as-of is its time")
                .isTrue();
        assertThat(diff.get("requirements").size()).isEqualTo(7);
        var csv = get("/api/periods/2026Q3/diff?from=" + runId + "&to=" + scored, "Accept", "text/csv");
        assertThat(csv.body())
                .startsWith("\uFEFFcontrol_id,subject_type,subject_id,status_before,status_after,reason_before,"
                        + "reason_after,cause");
    }

    private int logged(String path) {
        return dsl.fetchCount(ACCESS_LOG, ACCESS_LOG.PATH.eq(path).or(ACCESS_LOG.PATH.like(path + "?%")));
    }

    private java.net.http.HttpResponse<String> get(String path, String... headers) throws Exception {
        return http.send("GET", path, "auditor", ServeFixture.PASSWORD, headers);
    }
}
