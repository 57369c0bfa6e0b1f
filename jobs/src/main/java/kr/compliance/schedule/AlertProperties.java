package kr.compliance.schedule;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where newly failing findings are posted ({@code compliance.alerts.*}).
 *
 * @param webhooks Slack-compatible incoming webhooks; secrets, so give them in the environment
 * @param attempts how many times one message is tried before it is recorded as failed
 * @param firstBackoff the wait before the second attempt; it doubles after each further failure
 * @param timeout connect and response timeout of one attempt
 * @param listedPerControl how many failing subjects a message names per control before "and N more"
 */
@ConfigurationProperties("compliance.alerts")
public record AlertProperties(
        List<URI> webhooks, int attempts, Duration firstBackoff, Duration timeout, int listedPerControl) {

    public AlertProperties {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }
}
