package kr.compliance.scoring;

import static kr.compliance.store.jooq.Tables.FINDING;

import com.mysql.cj.jdbc.JdbcStatement;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import kr.compliance.store.LoadDataText;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Writes findings in bulk with {@code LOAD DATA LOCAL} on a connection of its own (the facts are
 * streamed on another), a batch at a time, so memory stays flat however large the quarter. A batch
 * is loaded on a background thread while the next one is judged; at most one is in flight.
 */
final class FindingWriter implements AutoCloseable {

    private static final int BATCH = 20_000;
    private static final int REASON_LENGTH = FINDING.REASON.getDataType().length();

    private final Connection connection;
    private final long runId;
    private LoadDataText batch = new LoadDataText(BATCH * 200);
    private final ExecutorService loader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "finding-loader");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> inFlight;
    private long written;

    /**
     * Opens a writer for the findings of {@code controlIds} on the subjects of {@code partition}; a
     * restarted partition first drops its own earlier ones, never another partition's.
     */
    FindingWriter(
            DataSource dataSource, SQLDialect dialect, long runId, List<String> controlIds, SubjectRange partition) {
        this.runId = runId;
        try {
            this.connection = dataSource.getConnection();
            this.connection.setAutoCommit(true);
            // The partitions of a step load one run's findings at the same time. Under REPEATABLE
            // READ the restart delete below would lock the gaps of every subject it scans, which
            // another partition is loading into: a deadlock (seen in CI). READ COMMITTED locks only
            // the rows it deletes; the pool resets the level when the connection goes back.
            this.connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            DSLContext session = DSL.using(connection, dialect);
            for (String controlId : controlIds) {
                Condition own = FINDING.RUN_ID
                        .eq(runId)
                        .and(FINDING.CONTROL_ID.eq(controlId))
                        .and(partition.condition(FINDING.SUBJECT_ID));
                // a first attempt has nothing to drop: no delete, and no locks at all
                if (session.fetchExists(FINDING, own)) {
                    session.deleteFrom(FINDING).where(own).execute();
                }
            }
        } catch (SQLException | DataAccessException e) {
            throw new ScoringFailedException("cannot reach the database to write findings: " + e.getMessage(), e);
        }
    }

    void write(Finding finding) {
        batch.value(runId)
                .text(finding.controlId())
                .text(finding.subjectId())
                .text(finding.requirement())
                .text(finding.subjectType().name())
                .text(finding.status().name())
                .text(clip(finding.reason(), REASON_LENGTH))
                .text(finding.reasonCode())
                .text(finding.reasonParams())
                .text(clip(String.join(Finding.REF_SEPARATOR, finding.evidenceRefs()), 4000))
                .instant(finding.referenceTime())
                .endRow();
        written++;
        if (batch.rows() == BATCH) {
            flush();
        }
    }

    /** The findings handed to this writer (all stored once it is closed). */
    long written() {
        return written;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private void flush() {
        if (batch.rows() == 0) {
            return;
        }
        awaitInFlight();
        InputStream rows = batch.stream();
        inFlight = loader.submit(() -> load(rows));
        batch = new LoadDataText(BATCH * 200);
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

    private void load(InputStream rows) {
        try (Statement statement = connection.createStatement()) {
            statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(rows);
            statement.execute("LOAD DATA LOCAL INFILE 'findings.tsv' INTO TABLE finding " + LoadDataText.FORMAT
                    + " (run_id, control_id, subject_id, requirement, subject_type, status, reason, reason_code,"
                    + " reason_params, evidence_refs, reference_time)");
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
