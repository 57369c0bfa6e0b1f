package kr.compliance.scoring;

import com.mysql.cj.jdbc.JdbcStatement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Writes findings in bulk with {@code LOAD DATA LOCAL} on a connection of its own (the facts are
 * streamed on another), a batch at a time, so memory stays flat however large the quarter. A batch
 * is loaded on a background thread while the next one is judged; at most one is in flight.
 */
final class FindingWriter implements AutoCloseable {

    private static final int BATCH = 20_000;
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final Connection connection;
    private final long runId;
    private final StringBuilder line = new StringBuilder(512);
    private ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH * 200);
    private final ExecutorService loader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "finding-loader");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> inFlight;
    private int rows;

    /** Opens a writer for the findings of {@code controlIds}; a restarted step first drops its earlier ones. */
    FindingWriter(DataSource dataSource, long runId, List<String> controlIds) {
        this.runId = runId;
        try {
            this.connection = dataSource.getConnection();
            this.connection.setAutoCommit(true);
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM finding WHERE run_id = ? AND control_id = ?")) {
                for (String controlId : controlIds) {
                    delete.setLong(1, runId);
                    delete.setString(2, controlId);
                    delete.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new ScoringFailedException("cannot reach the database to write findings: " + e.getMessage(), e);
        }
    }

    void write(Finding finding) {
        line.setLength(0);
        line.append(runId).append('\t');
        field(finding.controlId());
        field(finding.subjectId());
        field(finding.requirement());
        field(finding.subjectType().name());
        field(finding.status().name());
        field(clip(finding.reason(), 2000));
        field(clip(String.join(Finding.REF_SEPARATOR, finding.evidenceRefs()), 4000));
        line.append(DATETIME.format(finding.referenceTime())).append('\n');
        batch.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        if (++rows == BATCH) {
            flush();
        }
    }

    private void field(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(ch);
            }
        }
        line.append('\t');
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private void flush() {
        if (rows == 0) {
            return;
        }
        awaitInFlight();
        byte[] tsv = batch.toByteArray();
        inFlight = loader.submit(() -> load(tsv));
        rows = 0;
        batch = new ByteArrayOutputStream(BATCH * 200);
    }

    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ScoringFailedException failed
                    ? failed
                    : new ScoringFailedException(
                            "could not write findings: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoringFailedException("interrupted while writing findings", e);
        } finally {
            inFlight = null;
        }
    }

    private void load(byte[] tsv) {
        try (Statement statement = connection.createStatement()) {
            statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(new ByteArrayInputStream(tsv));
            statement.execute("LOAD DATA LOCAL INFILE 'findings.tsv' INTO TABLE finding CHARACTER SET utf8mb4"
                    + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'"
                    + " (run_id, control_id, subject_id, requirement, subject_type, status, reason, evidence_refs,"
                    + " reference_time)");
        } catch (SQLException e) {
            throw new ScoringFailedException("could not write findings: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (connection) {
            flush();
            awaitInFlight();
        } catch (SQLException e) {
            throw new ScoringFailedException("could not close the findings connection: " + e.getMessage(), e);
        } finally {
            loader.shutdownNow();
        }
    }
}
