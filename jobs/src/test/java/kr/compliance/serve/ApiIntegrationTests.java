package kr.compliance.serve;

import static kr.compliance.store.jooq.Tables.ACCESS_LOG;
import static kr.compliance.store.jooq.Tables.FINDING;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import kr.compliance.ingest.IngestService;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API over real HTTP on a random port, against the embedded database. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // a web context is a second cached context: it gets an embedded server of its own
        properties = {ServeFixture.HOME, ServeFixture.SHORT_LOCK})
class ApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Autowired
    Users users;

    @Autowired
    IngestService ingest;

    @BeforeEach
    void load() throws Exception {
        ServeFixture.load(dsl, users);
    }

    record Endpoint(String method, String path, String lowestRole) {}

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/periods/2026Q3/scores", "AUDITOR"),
            new Endpoint("GET", "/api/periods/2026Q3/findings", "AUDITOR"),
            new Endpoint("GET", "/api/records/CHANGE/CHG-1", "AUDITOR"),
            new Endpoint("GET", "/api/periods/2026Q3/pack", "AUDITOR"),
            new Endpoint("GET", "/api/access-log", "ADMIN"));

    @Test
    void everyRoleAgainstEveryEndpoint() throws Exception {
        for (Endpoint endpoint : ENDPOINTS) {
            assertThat(send(endpoint.method(), endpoint.path(), null, null).statusCode())
                    .as("no credentials on %s", endpoint.path())
                    .isEqualTo(401);
            assertThat(send(endpoint.method(), endpoint.path(), "auditor", "wrong password", null)
                            .statusCode())
                    .as("wrong password on %s", endpoint.path())
                    .isEqualTo(401);
            for (Role role : Role.values()) {
                int expected = role.compareTo(Role.valueOf(endpoint.lowestRole())) >= 0 ? 200 : 403;
                var response =
                        send(endpoint.method(), endpoint.path(), role.name().toLowerCase(), null);
                assertThat(response.statusCode())
                        .as("%s on %s", role, endpoint.path())
                        .isEqualTo(expected);
                if (expected != 200) {
                    assertThat(json(response).get("status").asInt()).isEqualTo(403);
                }
            }
        }
        // a POST nobody has written yet is still behind the rules: OFFICER may, AUDITOR may not
        assertThat(send("POST", "/api/periods/2026Q3/runs", "auditor", null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void scoresAreTheSixRequirementsThenOverallOfTheLatestCompletedRun() throws Exception {
        JsonNode scores = json(get("/api/periods/2026q3/scores", "auditor"));
        assertThat(scores.size()).isEqualTo(7);
        assertThat(scores.get(0).get("requirement").asString()).isEqualTo("R1");
        assertThat(scores.get(6).get("requirement").asString()).isEqualTo("OVERALL");
        assertThat(scores.get(0).get("score").asString()).isEqualTo("50.0");
    }

    @Test
    void findingsFilterAndPage() throws Exception {
        JsonNode all = json(get("/api/periods/2026Q3/findings", "auditor"));
        assertThat(all.get("total").asLong()).isEqualTo(13);
        assertThat(all.get("items").get(0).get("control_id").asString()).isEqualTo("R1.1");
        assertThat(all.get("items").get(0).get("reference_time").asString()).isEqualTo("2026-07-10T10:00:00+09:00");

        JsonNode failing = json(get("/api/periods/2026Q3/findings?control=r1.1&status=fail", "auditor"));
        assertThat(failing.get("total").asLong()).isEqualTo(4);

        JsonNode none = json(get("/api/periods/2026Q3/findings?subject=NOPE", "auditor"));
        assertThat(none.get("total").asLong()).isZero();
        assertThat(none.get("items").size()).isZero();

        JsonNode second = json(get("/api/periods/2026Q3/findings?page=2&size=5", "auditor"));
        assertThat(second.get("items").size()).isEqualTo(5);
        assertThat(second.get("page").asInt()).isEqualTo(2);

        JsonNode pastTheEnd = json(get("/api/periods/2026Q3/findings?page=99&size=5", "auditor"));
        assertThat(pastTheEnd.get("items").size()).isZero();
        assertThat(pastTheEnd.get("total").asLong()).isEqualTo(13);

        JsonNode huge = json(get("/api/periods/2026Q3/findings?size=1000000", "auditor"));
        assertThat(huge.get("size").asInt()).isEqualTo(ApiController.MAX_PAGE_SIZE);

        for (String bad : List.of("size=0", "size=-1", "page=0", "page=-3", "page=abc")) {
            var response = get("/api/periods/2026Q3/findings?" + bad, "auditor");
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(response).get("status").asInt()).isEqualTo(400);
        }
        var badPeriod = get("/api/periods/2026Q5/findings", "auditor");
        assertThat(badPeriod.statusCode()).isEqualTo(400);
        assertThat(json(badPeriod).get("error").asString()).contains("2026Q3");
        assertThat(get("/api/periods/2025Q1/findings", "auditor").statusCode()).isEqualTo(404);
    }

    @Test
    void findingsAsCsvAreAllMatchingRowsWithBomAndFormulasDefused() throws Exception {
        var response = send("GET", "/api/periods/2026Q3/findings?control=R2.3", "auditor", "text/csv");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String body = response.body();
        assertThat(body).startsWith("\uFEFFcontrol_id,requirement,subject_type,subject_id,status,reason,");
        assertThat(body.lines().count()).isEqualTo(2);
        assertThat(body).contains("\"'=HYPERLINK(\"\"x\"\") SEV1 incident INC-1 open\"");
    }

    @Test
    void aRecordWithItsRevisionsFindingsAndLinksBothWays() throws Exception {
        JsonNode change = json(get("/api/records/change/CHG-1", "auditor"));
        assertThat(change.get("current").get("summary").asString()).isEqualTo("new summary");
        assertThat(change.get("revisions").size()).isEqualTo(2);
        assertThat(change.get("findings").size()).isEqualTo(2);
        assertThat(change.get("links").toString()).contains("\"T-1\"").contains("\"INC-1\"");

        JsonNode test = json(get("/api/records/TEST/T-1", "auditor"));
        assertThat(test.get("links").toString()).contains("\"CHG-1\"");
        JsonNode incident = json(get("/api/records/INCIDENT/INC-1", "auditor"));
        assertThat(incident.get("links").toString()).contains("\"CHG-1\"");

        assertThat(get("/api/records/CHANGE/CHG-404", "auditor").statusCode()).isEqualTo(404);
        assertThat(get("/api/records/TABLE/CHG-1", "auditor").statusCode()).isEqualTo(404);
    }

    @Test
    void idsWithSqlOrPathTricksAreHarmless() throws Exception {
        for (String trick :
                List.of("%27%3B%20DROP%20TABLE%20finding%3B%20--", "CHG-1%27%20OR%20%271%27%3D%271", "..", "%2E%2E")) {
            var response = get("/api/records/CHANGE/" + trick, "auditor");
            assertThat(response.statusCode()).as(trick).isIn(400, 404);
            assertThat(json(response).has("error")).as(trick).isTrue();
        }
        // Tomcat itself refuses an encoded slash before the application sees it
        var encodedSlash = get("/api/records/CHANGE/..%2F..%2Fetc%2Fpasswd", "auditor");
        assertThat(encodedSlash.statusCode()).isEqualTo(400);
        assertThat(encodedSlash.body()).doesNotContain("Exception").doesNotContain("root:");
        assertThat(json(encodedSlash).get("status").asInt()).isEqualTo(400);
        var response = get("/api/periods/2026Q3/findings?subject=%27%3B%20DROP%20TABLE%20finding%3B%20--", "auditor");
        assertThat(json(response).get("total").asLong()).isZero();
        assertThat(dsl.fetchCount(FINDING)).isEqualTo(14);
    }

    @Test
    void idsHoldingSlashAndPercentOpenByAQueryIdAndTheirLinksAreBuiltThatWay() throws Exception {
        ServeFixture.ingestOddIds(ingest);
        String changeHref = "/api/records/CHANGE?id=CHG%2F7%252F";

        JsonNode change = json(get(changeHref, "auditor"));
        assertThat(change.get("current").get("change_id").asString()).isEqualTo(ServeFixture.ODD_CHANGE);
        assertThat(change.get("id").asString()).isEqualTo(ServeFixture.ODD_CHANGE);
        JsonNode testLink = change.get("links").get(0);
        assertThat(testLink.get("id").asString()).isEqualTo(ServeFixture.ODD_TEST);
        assertThat(testLink.get("href").asString()).isEqualTo("/api/records/TEST?id=T%2F1%25");

        JsonNode test = json(get(testLink.get("href").asString(), "auditor"));
        assertThat(test.get("current").get("test_run_id").asString()).isEqualTo(ServeFixture.ODD_TEST);
        assertThat(test.get("links").get(0).get("href").asString()).isEqualTo(changeHref);

        var noId = get("/api/records/CHANGE", "auditor");
        assertThat(noId.statusCode()).isEqualTo(400);
        assertThat(json(noId).get("error").asString()).contains("id");
    }

    @Test
    void whatTomcatRefusesUnderApiIsJsonAndInTheAccessLog() throws Exception {
        var refused = get("/api/records/CHANGE/CHG%2F7", "auditor");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(json(refused).get("status").asInt()).isEqualTo(400);
        assertThat(json(refused).get("error").asString()).contains("?id=");
        for (int i = 0; i < 50 && dsl.fetchCount(ACCESS_LOG) < 1; i++) {
            Thread.sleep(100);
        }
        var row = dsl.selectFrom(ACCESS_LOG).fetchSingle();
        assertThat(row.getPath()).isEqualTo("/api/records/CHANGE/CHG%2F7");
        assertThat(row.getStatus()).isEqualTo(400);
        assertThat(row.getUsername()).as("nobody was authenticated").isNull();
        // outside /api a refusal stays Tomcat's page, without its version or a stack trace
        var page = send("GET", "/records/CHANGE/CHG%2F7", null, null);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).doesNotContain("Tomcat/").doesNotContain("Exception");
    }

    @Test
    void thePackDownloadsAsAZipAndIs404WithoutOne() throws Exception {
        var response = HTTP.send(
                request("GET", "/api/periods/2026Q3/pack", "auditor", ServeFixture.PASSWORD, null),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/zip");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("compliance-pack-2026Q3.zip");
        assertThat(response.body()[0]).isEqualTo((byte) 'P');
        var none = get("/api/periods/2026Q2/pack", "auditor");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(json(none).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void theAccessLogRecordsRefusedRequestsToo() throws Exception {
        send("GET", "/api/periods/2026Q3/scores?x=1", null, null);
        send("GET", "/api/access-log", "officer", null);
        get("/api/nothing-here", "admin");
        get("/api/nothing-here", "auditor");
        // the row is written once the answer has gone out: wait for it
        for (int i = 0; i < 50 && dsl.fetchCount(ACCESS_LOG) < 4; i++) {
            Thread.sleep(100);
        }
        var rows = dsl.selectFrom(ACCESS_LOG).orderBy(ACCESS_LOG.ACCESS_ID).fetch();
        assertThat(rows).extracting(r -> r.getStatus()).containsExactly(401, 403, 404, 403);
        assertThat(rows.get(0).getUsername()).isNull();
        assertThat(rows.get(0).getPath()).isEqualTo("/api/periods/2026Q3/scores?x=1");
        assertThat(rows.get(1).getUsername()).isEqualTo("officer");

        JsonNode log = json(get("/api/access-log?user=officer", "admin"));
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.get(0).get("status").asInt()).isEqualTo(403);
    }

    @Test
    void healthIsOpenMetricsAreForAdminsAndOpenApiIsDescribed() throws Exception {
        assertThat(send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/metrics", null, null).statusCode()).isIn(302, 401);
        assertThat(send("GET", "/actuator/metrics", "auditor", null).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/actuator/metrics", "admin", null).statusCode()).isEqualTo(200);
        var openApi = send("GET", "/v3/api-docs", null, null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/periods/{period}/findings");
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return send("GET", path, user, null);
    }

    private HttpResponse<String> send(String method, String path, String user, String accept) throws Exception {
        return send(method, path, user, ServeFixture.PASSWORD, accept);
    }

    private HttpResponse<String> send(String method, String path, String user, String password, String accept)
            throws Exception {
        return HTTP.send(request(method, path, user, password, accept), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String user, String password, String accept) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            builder.header("Authorization", "Basic " + token);
        }
        builder.header("Accept", accept == null ? "application/json" : accept);
        return builder.build();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
