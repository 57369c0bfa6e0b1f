package kr.compliance.sources;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The source systems the system pulls from ({@code compliance.sources.<name>} in
 * {@code application.yml}; see {@code docs/sources.md}). Kept in name order, so the nightly run
 * pulls them in an order that does not depend on the configuration's layout.
 */
@ConfigurationProperties("compliance")
public record SourcesProperties(Map<String, SourceProperties> sources) {

    public SourcesProperties {
        sources = sources == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(sources));
    }
}
