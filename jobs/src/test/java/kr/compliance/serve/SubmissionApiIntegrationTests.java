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

        for (int i = 0; i < 50 && dsl.fetchCount(ACCESS_LOG) < 4; i++) {
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
                        "admin /api/periods/2026Q3/submission 409");
    }
}
