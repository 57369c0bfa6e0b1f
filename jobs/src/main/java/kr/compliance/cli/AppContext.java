package kr.compliance.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import javax.sql.DataSource;
import kr.compliance.ComplianceApplication;
import kr.compliance.store.DatabaseLoss;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Starts the application for one command. Commands that need no database ({@code verify},
 * {@code generate}) never come here, so they answer at once.
 */
final class AppContext {

    private static final String QUARTZ_INSTANCE_NAME = "spring.quartz.properties.org.quartz.scheduler.instanceName";

    private AppContext() {}

    /** The home as every command finds it: the system property, else COMPLIANCE_HOME, else ./var. */
    static Path home() {
        String home = System.getProperty("compliance.store.home", System.getenv("COMPLIANCE_HOME"));
        return Path.of(home == null || home.isBlank() ? "./var" : home)
                .toAbsolutePath()
                .normalize();
    }

    /** No MySQL server is named in the system properties or the environment: the home's embedded one serves. */
    static boolean embedded() {
        String url = System.getProperty("compliance.store.db-url", System.getenv("COMPLIANCE_DB_URL"));
        return url == null || url.isBlank();
    }

    /** The application without a web server: database, migrations, jobs. */
    static ConfigurableApplicationContext start(ComplianceCommand global) {
        return start(global, WebApplicationType.NONE, Map.of());
    }

    /**
     * Runs one command's work in the application and closes it; a failure that comes from losing
     * the database is reported as that, with what to do.
     */
    static <T> T run(ComplianceCommand global, Function<ConfigurableApplicationContext, T> work) {
        try (var context = start(global)) {
            try {
                return work.apply(context);
            } catch (RuntimeException failure) {
                throw DatabaseLoss.explain(failure, context.getBean(DataSource.class));
            }
        }
    }

    /**
     * Registers the application's shutdown hook, so Ctrl-C and SIGTERM close it in order, and
     * returns a latch that opens once it has closed: a command that runs until stopped awaits it,
     * or looks at it between pieces of work.
     */
    static CountDownLatch closing(ConfigurableApplicationContext context) {
        var closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        context.registerShutdownHook();
        return closed;
    }

    static ConfigurableApplicationContext start(
            ComplianceCommand global, WebApplicationType webType, Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (global.dbUrl != null && !global.dbUrl.isBlank()) {
            properties.put("compliance.store.db-url", global.dbUrl);
        }
        // an operator's configuration lives in the home, not in the build: sources, schedules, webhooks
        properties.put("spring.config.additional-location", "optional:file:" + home().resolve("config") + "/");
        // a failed start is one line on standard error (OneLineErrors), not Spring's report and stack trace
        properties.put("logging.level.org.springframework.boot.SpringApplication", "OFF");
        properties.put("logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "OFF");
        if (webType == WebApplicationType.NONE) {
            if (!global.debug) {
                // a command's console is for its own output; the log file keeps the rest
                properties.put("logging.threshold.console", "OFF");
            }
            // a command never starts the scheduler; a name of its own keeps its Quartz instance out
            // of the JVM-wide registry entry of a scheduler that runs (in tests, the same JVM)
            properties.put(QUARTZ_INSTANCE_NAME, "compliance-command-" + UUID.randomUUID());
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
