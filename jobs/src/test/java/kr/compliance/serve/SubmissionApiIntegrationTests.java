package kr.compliance.serve;

import static kr.compliance.store.jooq.Tables.ACCESS_LOG;
import static kr.compliance.store.jooq.Tables.SUBMISSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.codec.digest.DigestUtils;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/periods/{p}/submission} over real HTTP: who may, what it answers, the access log. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ServeFixture.HOME, ServeFixture.SHORT_LOCK})
class SubmissionApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Autowired
    Users users;

    ServeHttp http;

    @BeforeEach
    void load() throws Exception {
        ServeFixture.load(dsl, users);
        http = new ServeHttp(port);
    }

    @Test
    void anOfficerSubmitsAnAuditorMayNotAndBothAreInTheAccessLog() throws Exception {
        var refused = http.send("POST", "/api/periods/2026Q3/submission?run=1", "auditor", ServeFixture.PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(dsl.fetchCount(SUBMISSION)).isZero();

        var created =
                http.send("POST", "/api/periods/2026Q3/submission?run=1&lang=en", "officer", ServeFixture.PASSWORD);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = ServeHttp.json(created);
        var row = dsl.selectFrom(SUBMISSION).fetchSingle();
        assertThat(body.get("submission_id").asLong()).isEqualTo(row.getSubmissionId());
        assertThat(body.get("run_id").asLong()).isEqualTo(1L);
        assertThat(body.get("pack_sha256").asString()).isEqualTo(row.getPackSha256());
        assertThat(row.getSubmittedBy()).isEqualTo("officer");
        Path pack = Path.of("target/test-home-web/submissions/compliance-submission-2026Q3-run-1.zip");
        assertThat(DigestUtils.sha256Hex(Files.readAllBytes(pack))).isEqualTo(row.getPackSha256());

        JsonNode runs = ServeHttp.json(http.send("GET", "/api/periods/2026Q3/runs", "auditor", ServeFixture.PASSWORD));
        assertThat(runs.findValuesAsString("state")).contains("SUBMITTED");

        // the period's only completed run again: a conflict, whoever asks
        var again = http.send("POST", "/api/periods/2026Q3/submission", "admin", ServeFixture.PASSWORD);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ServeHttp.json(again).get("error").asString())
                .startsWith(
                        "run 1 of 2026Q3 was submitted already (submission " + row.getSubmissionId() + " by officer");

        // a later run: without a reason a conflict, with one both submissions are kept
        ServeFixture.run(dsl, 3L, "COMPLETED");
        var reasonless = http.send("POST", "/api/periods/2026Q3/submission?run=3", "officer", ServeFixture.PASSWORD);
        assertThat(reasonless.statusCode()).isEqualTo(409);
        assertThat(ServeHttp.json(reasonless).get("error").asString())
                .startsWith("2026Q3 was submitted already (run 1, submission ")
                .endsWith("a resubmission needs a reason: give --reason TEXT (reason= through the API)");
        var resubmitted = http.send(
                "POST", "/api/periods/2026Q3/submission?reason=late%20evidence", "officer", ServeFixture.PASSWORD);
        assertThat(resubmitted.statusCode()).as(resubmitted.body()).isEqualTo(201);
        assertThat(ServeHttp.json(resubmitted).get("run_id").asLong()).isEqualTo(3L);
        assertThat(ServeHttp.json(resubmitted).get("amends_submission_id").asLong())
                .isEqualTo(row.getSubmissionId());
        JsonNode both = ServeHttp.json(http.send("GET", "/api/periods/2026Q3/runs", "auditor", ServeFixture.PASSWORD));
        java.util.Map<Long, String> states = new java.util.HashMap<>();
        both.forEach(
                run -> states.put(run.get("run_id").asLong(), run.get("state").asString()));
        assertThat(states).containsEntry(3L, "SUBMITTED").containsEntry(1L, "SUPERSEDED");
        assertThat(dsl.fetchCount(SUBMISSION)).isEqualTo(2);

        for (int i = 0; i < 50 && dsl.fetchCount(ACCESS_LOG, ACCESS_LOG.METHOD.eq("POST")) < 5; i++) {
            Thread.sleep(100);
        }
        var log = dsl.selectFrom(ACCESS_LOG)
                .where(ACCESS_LOG.METHOD.eq("POST"))
                .orderBy(ACCESS_LOG.ACCESS_ID)
                .fetch();
        assertThat(log)
                .extracting(r -> r.getUsername() + " " + r.getPath() + " " + r.getStatus())
                .containsExactly(
                        "auditor /api/periods/2026Q3/submission?run=1 403",
                        "officer /api/periods/2026Q3/submission?run=1&lang=en 201",
                        "admin /api/periods/2026Q3/submission 409",
                        "officer /api/periods/2026Q3/submission?run=3 409",
                        "officer /api/periods/2026Q3/submission?reason=late%20evidence 201");
    }
}
