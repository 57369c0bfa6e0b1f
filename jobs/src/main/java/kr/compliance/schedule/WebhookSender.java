package kr.compliance.schedule;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * Posts a JSON body to a webhook, retrying a failed attempt (no answer, or a status other than 2xx)
 * with exponential backoff, a bounded number of times. The outcome says how it went; it never
 * throws for the receiver's sake, so an alert can never fail the run it reports on.
 */
@Component
class WebhookSender {

    /** How a delivery went: delivered or not, after how many attempts, and the last error. */
    record Outcome(boolean delivered, int attempts, String error) {}

    /**
     * Where an alert's deliveries are remembered, by webhook: the SHA-256 of its URL, so the
     * secret in its path is never stored.
     */
    interface Deliveries {
        /** Whether {@code webhookKey} has had this alert already (sent or given up on). */
        boolean tried(String webhookKey);

        /** Records one delivery's outcome. */
        void record(URI webhook, String webhookKey, Outcome outcome);
    }

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final AlertProperties properties;
    private final HttpClient client;
    private final RetryTemplate retry;

    WebhookSender(AlertProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // Spring's retry: each failed attempt waits first-backoff, then twice as long each time
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(Math.max(1, properties.attempts()) - 1L)
                .delay(properties.firstBackoff())
                .multiplier(2)
                .build());
    }

    /**
     * Posts {@code json} once to each configured webhook that has not had it yet, recording each
     * outcome; a webhook that stays down is logged, and the others still get theirs.
     */
    void postToEach(String what, String json, Deliveries deliveries) {
        for (URI webhook : properties.webhooks()) {
            String key = DigestUtils.sha256Hex(webhook.toString());
            if (deliveries.tried(key)) {
                continue;
            }
            Outcome outcome = post(webhook, json);
            if (!outcome.delivered()) {
                log.warn(
                        "{} could not be posted to {} after {} attempts: {}",
                        what,
                        origin(webhook),
                        outcome.attempts(),
                        outcome.error());
            }
            deliveries.record(webhook, key, outcome);
        }
    }

    /** The scheme, host and port of a webhook: enough to tell which one, without its secret path. */
    static String origin(URI webhook) {
        return webhook.getScheme() + "://" + webhook.getHost()
                + (webhook.getPort() >= 0 ? ":" + webhook.getPort() : "");
    }

    Outcome post(URI webhook, String json) {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(properties.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        int[] attempts = {0};
        try {
            retry.execute(() -> {
                attempts[0]++;
                int status = client.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status / 100 != 2) {
                    throw new RefusedException(status);
                }
                return status;
            });
            return new Outcome(true, attempts[0], null);
        } catch (RetryException e) {
            Throwable last = e.getLastException() == null ? e : e.getLastException();
            if (last instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
                return new Outcome(false, attempts[0], "interrupted while posting or waiting to retry");
            }
            return new Outcome(false, attempts[0], describe(last));
        }
    }

    private static String describe(Throwable failure) {
        if (failure instanceof RefusedException) {
            return failure.getMessage();
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    /** The receiver answered, but not with 2xx: worth another attempt, like no answer at all. */
    private static final class RefusedException extends Exception {
        RefusedException(int status) {
            super("HTTP " + status);
        }
    }
}
