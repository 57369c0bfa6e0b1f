package kr.compliance.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import kr.compliance.ingest.IngestFailedException;
import kr.compliance.ingest.IngestService;
import kr.compliance.ingest.IngestSummary;
import kr.compliance.store.StoreProperties;
import org.springframework.stereotype.Service;

/**
 * Pulls a configured source system: its adapter writes a canonical drop into
 * {@code $COMPLIANCE_HOME/sources/<name>/<pull-id>/}, and the drop is loaded by {@link IngestService}
 * like any file drop (same validation, rejections, revisions, idempotency). The staged drop is kept:
 * it is the record of what the source held when it was pulled. A pull that could not read its
 * source leaves no folder and loads nothing.
 */
@Service
public class SourcePulls {

    private static final DateTimeFormatter PULL_ID =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final SourcesProperties sources;
    private final StoreProperties store;
    private final IngestService ingest;
    private final Watermarks watermarks;

    SourcePulls(SourcesProperties sources, StoreProperties store, IngestService ingest, Watermarks watermarks) {
        this.sources = sources;
        this.store = store;
        this.ingest = ingest;
        this.watermarks = watermarks;
    }

    /** The configured source names, in the order the nightly run pulls them. */
    public List<String> names() {
        return List.copyOf(sources.sources().keySet());
    }

    /**
     * Pulls the configured source {@code name} and loads what it read.
     *
     * @param lockWait how long the load waits for another ingest or scoring run
     * @throws UnknownSourceException when no such source is configured
     * @throws SourceFailedException when the source could not be read (nothing loaded)
     * @throws IngestFailedException when the pulled drop could not be loaded
     */
    public PullResult pull(String name, Duration lockWait) {
        SourceProperties source = sources.sources().get(name);
        if (source == null) {
            throw new UnknownSourceException(name, names());
        }
        return pull(name, source, lockWait);
    }

    PullResult pull(String name, SourceProperties source, Duration lockWait) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new SourceFailedException(name, "a source name is letters, digits, '-' and '_' (it names a folder)");
        }
        Path folder = createStagingFolder(name);
        PulledDrop drop;
        try {
            drop = system(name, source).pull(folder);
        } catch (RuntimeException e) {
            delete(folder, e);
            throw e;
        }
        IngestSummary summary;
        try {
            summary = ingest.ingest(folder, StandardCharsets.UTF_8, lockWait);
        } catch (IngestFailedException e) {
            throw new IngestFailedException("source '" + name + "', pulled into " + folder + ": " + e.getMessage(), e);
        }
        drop.afterLoad().run();
        return new PullResult(name, folder, drop.rows(), summary);
    }

    private SourceSystem system(String name, SourceProperties source) {
        if (source.type() == null) {
            throw new SourceFailedException(name, "it has no type (jdbc, junit, pagerduty or statuspage)");
        }
        return switch (source.type()) {
            case JDBC -> new JdbcSource(name, required(name, "jdbc", source.jdbc()), watermarks);
            case JUNIT -> new JunitReports(name, required(name, "junit", source.junit()), source.fileSizeLimit());
            case PAGERDUTY ->
                new PagerDutyIncidents(name, required(name, "pagerduty", source.pagerduty()), source.fileSizeLimit());
            case STATUSPAGE ->
                new StatuspageNotices(name, required(name, "statuspage", source.statuspage()), source.fileSizeLimit());
        };
    }

    private static <T> T required(String name, String section, T value) {
        if (value == null) {
            throw new SourceFailedException(name, "its type needs a '" + section + "' section");
        }
        return value;
    }

    private Path createStagingFolder(String name) {
        Path folder = store.home()
                .toAbsolutePath()
                .normalize()
                .resolve("sources")
                .resolve(name)
                .resolve(PULL_ID.format(Instant.now()));
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the staging folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * A failed pull's partial files were never loaded: they are no evidence, so they go. A folder
     * that cannot be removed is reported beside the pull's own failure, which stays the one thrown.
     */
    private static void delete(Path folder, RuntimeException pullFailure) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException | UncheckedIOException e) {
            pullFailure.addSuppressed(e);
        }
    }
}
