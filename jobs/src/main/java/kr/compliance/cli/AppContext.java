package kr.compliance.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import kr.compliance.ComplianceApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application for one command. Commands that need no database ({@code verify},
 * {@code generate}) never come here, so they answer at once.
 */
final class AppContext {

    private AppContext() {}

    /** The application without a web server: database, migrations, jobs. */
    static ConfigurableApplicationContext start(ComplianceCommand global) {
        return start(global, WebApplicationType.NONE, Map.of());
    }

    static ConfigurableApplicationContext start(
            ComplianceCommand global, WebApplicationType webType, Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (global.dbUrl != null && !global.dbUrl.isBlank()) {
            properties.put("compliance.store.db-url", global.dbUrl);
        }
        if (!global.debug && webType == WebApplicationType.NONE) {
            // a command's console is for its own output; the log file keeps the rest
            properties.put("logging.threshold.console", "OFF");
        }
        properties.putAll(extra);
        // as command-line arguments they outrank application.yml and the environment, as the
        // user who typed --db expects; "default properties" would rank below both
        String[] arguments = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ComplianceApplication.class)
                .web(webType)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(arguments);
    }
}
