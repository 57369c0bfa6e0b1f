package kr.compliance.serve;

import static kr.compliance.serve.ServeHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a browser is told and refused: the content policy, the session cookie, cross-site API posts. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ServeFixture.HOME, ServeFixture.SHORT_LOCK})
class BrowserHardeningIntegrationTests {

    /** A bad period: a POST that gets this far passed the origin check and the role check, and starts nothing. */
    private static final String RUNS = "/api/periods/2026Q5/runs";

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
    void everyPageAndApiAnswerCarriesTheContentSecurityPolicy() throws Exception {
        for (var response : new HttpResponse<?>[] {
            http.send("GET", "/login", null, null),
            http.send("GET", "/?period=2026Q3", "auditor", ServeFixture.PASSWORD),
            http.send("GET", "/css/site.css", null, null),
            http.send("GET", "/api/periods/2026Q3/scores", "auditor", ServeFixture.PASSWORD),
            http.send("GET", "/api/periods/2026Q3/scores", null, null)
        }) {
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as("%s", response.uri())
                    .hasValue(SecurityConfiguration.CONTENT_SECURITY_POLICY);
        }
        assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY)
                .startsWith("default-src 'self';")
                .doesNotContain("unsafe-inline");
    }

    @Test
    void theSessionCookieIsSameSiteLaxAndSecureWhenTheProxySaysHttps() throws Exception {
        String plain = sessionCookie(http.send("GET", "/login", null, null));
        assertThat(plain).contains("SameSite=Lax").contains("HttpOnly").doesNotContain("Secure");
        String behindTls = sessionCookie(http.send("GET", "/login", null, null, "X-Forwarded-Proto", "https"));
        assertThat(behindTls).contains("SameSite=Lax").contains("Secure");
    }

    @Test
    void aStateChangingApiRequestFromAForeignPageIsRefused() throws Exception {
        var foreign = http.send("POST", RUNS, "officer", ServeFixture.PASSWORD, "Origin", "http://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign).get("status").asInt()).isEqualTo(403);
        assertThat(json(foreign).get("error").asString()).contains("http://evil.example");
        var foreignReferer =
                http.send("POST", RUNS, "officer", ServeFixture.PASSWORD, "Referer", "http://evil.example/page.html");
        assertThat(foreignReferer.statusCode()).isEqualTo(403);
        var otherPort = http.send("POST", RUNS, "officer", ServeFixture.PASSWORD, "Origin", "http://localhost:1");
        assertThat(otherPort.statusCode()).isEqualTo(403);
        var opaque = http.send("POST", RUNS, "officer", ServeFixture.PASSWORD, "Origin", "null");
        assertThat(opaque.statusCode()).isEqualTo(403);

        // the server's own pages, and clients that are not browsers, still get through to the run
        var sameOrigin = http.send("POST", RUNS, "officer", ServeFixture.PASSWORD, "Origin", http.origin());
        assertThat(sameOrigin.statusCode()).isEqualTo(400);
        assertThat(json(sameOrigin).get("error").asString()).contains("2026Q5");
        var sameReferer = http.send(
                "POST", RUNS, "officer", ServeFixture.PASSWORD, "Referer", http.origin() + "/periods/2026Q3/findings");
        assertThat(sameReferer.statusCode()).isEqualTo(400);
        assertThat(http.send("POST", RUNS, "officer", ServeFixture.PASSWORD).statusCode())
                .as("no Origin, no Referer: curl or the CLI")
                .isEqualTo(400);
        // reading is not state-changing: a foreign page's GET is left to the browser's same-origin policy
        assertThat(http.send(
                                "GET",
                                "/api/periods/2026Q3/scores",
                                "auditor",
                                ServeFixture.PASSWORD,
                                "Origin",
                                "http://evil.example")
                        .statusCode())
                .isEqualTo(200);
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }
}
