package kr.compliance.schedule;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line for the administrators, posted to the configured webhooks (the same as the new-failure
 * alerts), for events they must hear of at once, such as a login locked after repeated failures.
 * Delivered on a thread of its own, so the request that raised it never waits on a receiver.
 */
@Component
public class AdminAlerts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminAlerts.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlertProperties properties;
    private final WebhookSender sender;
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("admin-alerts").factory());

    public AdminAlerts(AlertProperties properties) {
        this.properties = properties;
        this.sender = new WebhookSender(properties);
    }

    /** Posts {@code text} to every webhook; a receiver that fails is logged, never thrown at the caller. */
    public void send(String text) {
        if (properties.webhooks().isEmpty()) {
            return;
        }
        String body = JSON.writeValueAsString(Map.of("text", text));
        delivery.execute(() -> {
            for (URI webhook : properties.webhooks()) {
                WebhookSender.Outcome outcome = sender.post(webhook, body);
                if (!outcome.delivered()) {
                    log.warn(
                            "an alert to the administrators was not delivered to {} after {} attempts: {}",
                            webhook.getHost(),
                            outcome.attempts(),
                            outcome.error());
                }
            }
        });
    }

    @Override
    public void close() {
        delivery.close();
    }
}
