package kr.compliance.schedule;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    private final AlertProperties properties;
    private final HttpClient client;

    WebhookSender(AlertProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Outcome post(URI webhook, String json) {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(properties.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        int attempts = Math.max(1, properties.attempts());
        Duration backoff = properties.firstBackoff();
        String error = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return new Outcome(true, attempt, null);
                }
                error = "HTTP " + response.statusCode();
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, attempt, "interrupted while posting");
            }
            if (attempt < attempts && !sleep(backoff)) {
                return new Outcome(false, attempt, "interrupted while waiting to retry after " + error);
            }
            backoff = backoff.multipliedBy(2);
        }
        return new Outcome(false, attempts, error);
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
