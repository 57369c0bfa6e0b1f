package kr.compliance.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kr.compliance.ingest.RecordKind;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A folder of JUnit XML reports ({@code TEST-*.xml}) as test runs: one {@code tests.csv} row per
 * suite. What a report cannot say (the change it validates, its environment, parity and scope) comes
 * from, weakest first: the source's configured {@code properties}, a {@code junit-source.properties}
 * in the folder, and a sidecar beside one report ({@code TEST-x.properties} for {@code TEST-x.xml}).
 * A malformed or hostile file refuses the whole pull, naming the file, line and column.
 */
final class JunitReports implements SourceSystem {

    static final String FOLDER_SIDECAR = "junit-source.properties";

    /** Every column of the canonical {@code tests.csv}, as the ingest defines it; {@link #row} fills them in order. */
    private static final List<String> HEADER =
            RecordKind.TESTS.columns().stream().map(RecordKind.Column::name).toList();

    private final String name;
    private final SourceProperties.Junit config;
    private final long maxFileBytes;

    JunitReports(String name, SourceProperties.Junit config, long maxFileBytes) {
        this.name = name;
        this.config = config;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public PulledDrop pull(Path folder) {
        if (config.folder() == null || !Files.isDirectory(config.folder())) {
            throw new SourceFailedException(name, "no such report folder: " + config.folder());
        }
        List<Path> reports = ExportFiles.list(name, config.folder(), "TEST-*.xml", maxFileBytes);
        Map<String, String> folderDefaults = new HashMap<>(config.properties());
        folderDefaults.putAll(sidecar(config.folder().resolve(FOLDER_SIDECAR)));
        try (DropFile tests = DropFile.create(folder, RecordKind.TESTS, HEADER)) {
            for (Path report : reports) {
                Map<String, String> properties = new HashMap<>(folderDefaults);
                String base = report.getFileName().toString().replaceFirst("\\.xml$", "");
                properties.putAll(sidecar(report.resolveSibling(base + ".properties")));
                for (SurefireSuites.Suite suite : suites(report)) {
                    tests.write(row(report, suite, properties));
                }
            }
            return PulledDrop.of(Map.of(RecordKind.TESTS.fileName(), tests.rows()));
        }
    }

    private List<SurefireSuites.Suite> suites(Path report) {
        SurefireSuites handler = new SurefireSuites();
        try (InputStream in = Files.newInputStream(report)) {
            SafeXml.parser().parse(in, handler);
            return handler.suites();
        } catch (SAXParseException e) {
            throw new SourceFailedException(
                    name,
                    report.getFileName() + " is refused at line " + e.getLineNumber() + ", column "
                            + e.getColumnNumber() + ": " + e.getMessage(),
                    e);
        } catch (SAXException | IOException e) {
            throw new SourceFailedException(name, report.getFileName() + " is refused: " + e.getMessage(), e);
        }
    }

    /**
     * The test run of one suite. Its id is {@code change/environment/suite}, so the same suite run
     * again for the same change and environment is a revision of the earlier run.
     */
    private List<String> row(Path report, SurefireSuites.Suite suite, Map<String, String> properties) {
        String changeId = properties.getOrDefault("change_id", "");
        String environment = properties.getOrDefault("environment", "");
        String suiteName =
                suite.name() != null ? suite.name() : report.getFileName().toString();
        Span span = span(report, suite);
        return Arrays.asList(
                changeId + "/" + environment + "/" + suiteName,
                changeId,
                environment,
                properties.get("env_parity"),
                properties.get("scope"),
                span.start(),
                span.finish(),
                suite.result(),
                Integer.toString(suite.tests()),
                Integer.toString(suite.failures() + suite.errors()));
    }

    /** When a suite ran, as written in {@code tests.csv}; a null finish is written empty. */
    private record Span(String start, String finish) {}

    /**
     * The suite's start is its {@code timestamp} (one without an offset gets the source's zone, if it
     * has one);
     * a report without one (Surefire writes none) started when its file was last written less the
     * suite's time, since the file is written when the suite ends. The finish is start plus time.
     */
    private Span span(Path report, SurefireSuites.Suite suite) {
        Duration took = suite.duration();
        String stamp = suite.timestamp() == null ? "" : suite.timestamp().strip();
        if (stamp.isEmpty()) {
            Instant written = lastModified(report);
            return new Span(written.minus(took).toString(), written.toString());
        }
        try {
            return span(OffsetDateTime.parse(stamp), took);
        } catch (DateTimeParseException withoutOffset) {
            try {
                LocalDateTime start = LocalDateTime.parse(stamp);
                return config.zone() == null
                        ? new Span(stamp, start.plus(took).toString())
                        : span(start.atZone(config.zone()).toOffsetDateTime(), took);
            } catch (DateTimeParseException notATimestamp) {
                // passed on as written: the ingest rejects the row and says why
                return new Span(stamp, null);
            }
        }
    }

    private static Span span(OffsetDateTime start, Duration took) {
        return new Span(start.toString(), start.plus(took).toString());
    }

    private Instant lastModified(Path report) {
        try {
            return Files.getLastModifiedTime(report).toInstant();
        } catch (IOException e) {
            throw new SourceFailedException(name, "cannot read " + report + ": " + e.getMessage(), e);
        }
    }

    private Map<String, String> sidecar(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new SourceFailedException(name, file.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
        properties
                .stringPropertyNames()
                .forEach(key ->
                        values.put(key.strip(), properties.getProperty(key).strip()));
        return values;
    }
}
