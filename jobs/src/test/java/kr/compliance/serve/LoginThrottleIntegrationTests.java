package kr.compliance.serve;

import static kr.compliance.serve.ServeHttp.json;
import static kr.compliance.store.jooq.Tables.ACCESS_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kr.compliance.schedule.AdminAlerts;
import kr.compliance.schedule.AlertProperties;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Password guessing over real HTTP: client addresses come from {@code X-Forwarded-For}, which the
 * server trusts from a proxy on its own host (the test client is on loopback). The first lock lasts
 * two seconds here ({@link ServeFixture#SHORT_LOCK}); the counts are the documented defaults, five
 * per user name and twenty per address.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ServeFixture.HOME, ServeFixture.SHORT_LOCK})
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleIntegrationTests {

    private static final String SCORES = "/api/periods/2026Q3/scores";

    @LocalServerPort
    int port;

    @Autowired
    LoginThrottleProperties properties;

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
    void fiveWrongPasswordsLockTheUserFromEveryAddressUntilTheWaitIsOver(CapturedOutput output) throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(from("198.51.100.1", "officer", "wrong " + i).statusCode())
                    .isEqualTo(401);
        }
        var refused = from("198.51.100.1", "officer", ServeFixture.PASSWORD);
        assertThat(refused.statusCode()).as("the right password while locked").isEqualTo(429);
        long wait = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(wait).isBetween(1L, 2L);
        assertThat(json(refused).get("status").asInt()).isEqualTo(429);
        assertThat(json(refused).get("error").asString()).contains("try again in");
        assertThat(from("198.51.100.2", "officer", ServeFixture.PASSWORD).statusCode())
                .as("the same user from another address")
                .isEqualTo(429);
        assertThat(from("198.51.100.1", "auditor", ServeFixture.PASSWORD).statusCode())
                .as("another user from the guessing address (5 of its 20)")
                .isEqualTo(200);

        Thread.sleep(wait * 1000);
        assertThat(from("198.51.100.1", "officer", ServeFixture.PASSWORD).statusCode())
                .as("after the wait")
                .isEqualTo(200);

        assertThat(output).contains("login locked: user 'officer' after 5 failed logins (the last from 198.51.100.1)");
        awaitAccessLogRows(9);
        assertThat(dsl.fetchCount(ACCESS_LOG, ACCESS_LOG.STATUS.eq(429))).isEqualTo(2);
    }

    @Test
    void eachFurtherLockLastsTwiceAsLongAndAdminsSeeTheLockouts() throws Exception {
        lockOfficer("198.51.100.3");
        Thread.sleep(2000);
        lockOfficer("198.51.100.4");
        long second = Long.parseLong(from("198.51.100.4", "officer", ServeFixture.PASSWORD)
                .headers()
                .firstValue("Retry-After")
                .orElseThrow());
        assertThat(second).isBetween(3L, 4L);

        assertThat(http.send("GET", "/api/lockouts", "officer", "nope").statusCode())
                .isEqualTo(429);
        assertThat(http.send("GET", "/api/lockouts", "auditor", ServeFixture.PASSWORD)
                        .statusCode())
                .isEqualTo(403);
        JsonNode lockouts = json(http.send("GET", "/api/lockouts", "admin", ServeFixture.PASSWORD));
        assertThat(lockouts.size()).isEqualTo(1);
        assertThat(lockouts.get(0).get("scope").asString()).isEqualTo("USER");
        assertThat(lockouts.get(0).get("subject").asString()).isEqualTo("officer");
        assertThat(lockouts.get(0).get("lockouts").asInt()).isEqualTo(2);
        assertThat(lockouts.get(0).get("locked").asBoolean()).isTrue();
        assertThat(lockouts.get(0).get("lastAddress").asString()).isEqualTo("198.51.100.4");
    }

    @Test
    void anAddressIsLockedByItsOwnCountWhateverTheNamesTried() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(from("203.0.113.7", "guess-" + i, "wrong").statusCode()).isEqualTo(401);
        }
        assertThat(from("203.0.113.7", "auditor", ServeFixture.PASSWORD).statusCode())
                .as("a right password from the locked address")
                .isEqualTo(429);
        assertThat(from("203.0.113.8", "auditor", ServeFixture.PASSWORD).statusCode())
                .as("the same user from another address")
                .isEqualTo(200);
        JsonNode lockouts =
                json(http.send("GET", "/api/lockouts", "admin", ServeFixture.PASSWORD, forwardedFor("203.0.113.9")));
        assertThat(lockouts.toString()).contains("\"scope\":\"ADDRESS\"").contains("\"subject\":\"203.0.113.7\"");
    }

    private void lockOfficer(String address) throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(from(address, "officer", "wrong").statusCode()).isEqualTo(401);
        }
    }

    private HttpResponse<String> from(String address, String user, String password) throws Exception {
        return http.send("GET", SCORES, user, password, forwardedFor(address));
    }

    private static String[] forwardedFor(String address) {
        return new String[] {"X-Forwarded-For", address};
    }

    /** An access-log row is written once its answer has gone out. */
    private void awaitAccessLogRows(int rows) throws InterruptedException {
        for (int i = 0; i < 50 && dsl.fetchCount(ACCESS_LOG) < rows; i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void aLockIsPostedOnceToTheAdministratorsWebhook() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        try (AdminAlerts alerts = new AdminAlerts(
                new AlertProperties(List.of(hook), 2, Duration.ofMillis(50), Duration.ofSeconds(2), 20))) {
            LoginThrottle throttle = new LoginThrottle(dsl, properties, alerts);
            for (int i = 0; i < properties.userFailures(); i++) {
                throttle.failed("mallory", "198.51.100." + i);
            }
            Instant deadline = Instant.now().plusSeconds(10);
            while (bodies.isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            Thread.sleep(300); // a second post would have arrived by now
        } finally {
            receiver.stop(0);
        }
        assertThat(bodies).hasSize(1);
        assertThat(bodies.getFirst())
                .contains("login locked: user 'mallory' after 5 failed logins (the last from 198.51.100.4)")
                .contains("/api/lockouts");
    }
}
