package kr.compliance.scoring.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The policy file the application ships, as a run made by hand in a test stores it. */
public final class DefaultPolicy {

    private DefaultPolicy() {}

    public static String content() {
        try (InputStream in = DefaultPolicy.class.getResourceAsStream("/policy/default-policy.yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
