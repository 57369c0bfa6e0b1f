package kr.compliance.ingest;

import com.mysql.cj.jdbc.JdbcStatement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kr.compliance.store.KeyPartition;
import kr.compliance.store.LoadDataText;
import org.jooq.DSLContext;

/**
 * Merges a chunk of valid records into its record table, set-wise: the chunk is streamed into a
 * session-private staging table with {@code LOAD DATA LOCAL}, then three statements decide and
 * apply what each row is. A new key becomes revision 1; the same content as the current revision
 * changes nothing; other content becomes the next revision and the old one is marked superseded by
 * this load. Nothing is ever deleted or overwritten. A chunk none of whose keys is stored yet (a
 * first load) skips the staging and goes straight into the table.
 *
 * <p>Partitions of one file merge into the same table at the same time, each its own keys ({@link
 * KeyPartition}), so none reads or changes a row another writes.
 */
final class RecordMerger {

    /** Counts of one merge. */
    record Merged(long inserted, long unchanged, long revised) {
        Merged plus(Merged other) {
            return new Merged(inserted + other.inserted, unchanged + other.unchanged, revised + other.revised);
        }
    }

    private static final int NEW = 0;
    private static final int UNCHANGED = 1;
    private static final int REVISED = 2;

    private final RecordKind kind;
    private final KeyPartition partition;
    private final DSLContext dsl;
    private final String table;
    private final String stage;
    /** The columns of {@link ParsedRow.Accepted#text()}, in order. */
    private final List<String> textColumns;

    RecordMerger(RecordKind kind, KeyPartition partition, DSLContext dsl) {
        this.kind = kind;
        this.partition = partition;
        this.dsl = dsl;
        this.table = kind.table().getName();
        this.stage = "stage_" + table;
        this.textColumns = Stream.of(
                        kind.columns().stream().map(RecordKind.Column::name),
                        kind.derivedKeys().keySet().stream(),
                        Stream.of("content_hash", "source_line"))
                .flatMap(columns -> columns)
                .toList();
    }

    /** Merges the rows, in file order; a key seen twice is merged in a later round, as a revision. */
    Merged merge(List<ParsedRow.Accepted> rows, long loadId) {
        Merged total = new Merged(0, 0, 0);
        List<ParsedRow.Accepted> pending = rows;
        while (!pending.isEmpty()) {
            Set<String> keys = new HashSet<>();
            List<ParsedRow.Accepted> round = new ArrayList<>();
            List<ParsedRow.Accepted> later = new ArrayList<>();
            for (ParsedRow.Accepted row : pending) {
                (keys.add(row.key()) ? round : later).add(row);
            }
            total = total.plus(mergeRound(round, loadId));
            pending = later;
        }
        return total;
    }

    private Merged mergeRound(List<ParsedRow.Accepted> rows, long loadId) {
        return dsl.connectionResult(connection -> {
            try (Statement statement = connection.createStatement()) {
                if (loadedAsFirstRevisions(connection, statement, rows, loadId)) {
                    return new Merged(rows.size(), 0, 0);
                }
                // a fresh staging table per round: dropping and creating a TEMPORARY table commits
                // nothing (unlike TRUNCATE), and is far cheaper than deleting its rows
                statement.execute("DROP TEMPORARY TABLE IF EXISTS " + stage);
                statement.execute("CREATE TEMPORARY TABLE " + stage
                        + " (merge_state TINYINT NOT NULL DEFAULT 0, prev_revision INT NULL)"
                        + " SELECT * FROM " + table + " WHERE 1 = 0");
                statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(text(rows));
                // the staged revision is a placeholder: the INSERT below numbers each row's revision
                statement.execute(loadData(stage, "load_id = " + loadId + ", revision = 0"));
                failOnWarnings(statement);
                statement.executeUpdate("UPDATE " + stage + " s JOIN " + table + " t ON " + keyJoin()
                        + " AND t.superseded_by_load IS NULL SET s.prev_revision = t.revision,"
                        + " s.merge_state = CASE WHEN t.content_hash = s.content_hash THEN " + UNCHANGED
                        + " ELSE " + REVISED + " END");
                statement.executeUpdate("UPDATE " + table + " t JOIN " + stage + " s ON " + keyJoin()
                        + " AND s.merge_state = " + REVISED + " SET t.superseded_by_load = " + loadId
                        + " WHERE t.superseded_by_load IS NULL");
                String columns = String.join(", ", textColumns) + ", load_id";
                statement.executeUpdate("INSERT INTO " + table + " (" + columns + ", revision) SELECT " + columns
                        + ", COALESCE(prev_revision, 0) + 1 FROM " + stage + " WHERE merge_state <> " + UNCHANGED);
                return counts(statement);
            } catch (SQLException e) {
                throw new IngestFailedException(
                        "could not store " + kind.fileName() + " records: " + e.getMessage(), e);
            }
        });
    }

    /**
     * The common first load, where no key of the round is stored yet: the rows go straight into
     * the table as revision 1, with no staging and no classifying join. One range probe over the
     * round's keys decides; as {@code LOAD DATA LOCAL} skips a duplicate key rather than failing,
     * a load that stored fewer rows than it was given is undone to its savepoint and the round
     * takes the general path. Kinds keyed on more than one column (runbooks: few rows) always do.
     */
    private boolean loadedAsFirstRevisions(
            Connection connection, Statement statement, List<ParsedRow.Accepted> rows, long loadId)
            throws SQLException {
        if (kind.keyColumns().size() != 1 || anyStoredBetween(connection, rows)) {
            return false;
        }
        Savepoint beforeLoad = connection.setSavepoint();
        statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(text(rows));
        if (statement.executeUpdate(loadData(table, "load_id = " + loadId + ", revision = 1")) == rows.size()) {
            failOnWarnings(statement);
            connection.releaseSavepoint(beforeLoad);
            return true;
        }
        connection.rollback(beforeLoad);
        return false;
    }

    /**
     * Whether a stored key of this partition lies between the round's smallest and largest id (the
     * other partitions' keys interleave with this one's, and say nothing about its rows). Java's
     * order and the column's may differ for characters beyond the BMP; the savepoint above catches
     * that case.
     */
    private boolean anyStoredBetween(Connection connection, List<ParsedRow.Accepted> rows) throws SQLException {
        String smallest = rows.getFirst().key();
        String largest = smallest;
        for (ParsedRow.Accepted row : rows) {
            smallest = row.key().compareTo(smallest) < 0 ? row.key() : smallest;
            largest = row.key().compareTo(largest) > 0 ? row.key() : largest;
        }
        String keyColumn = kind.keyColumns().getFirst();
        try (var probe = connection.prepareStatement("SELECT 1 FROM " + table + " WHERE " + keyColumn
                + " BETWEEN ? AND ? AND " + partition.sqlCondition(keyColumn) + " LIMIT 1")) {
            probe.setString(1, smallest);
            probe.setString(2, largest);
            try (var found = probe.executeQuery()) {
                return found.next();
            }
        }
    }

    /**
     * {@code LOAD DATA LOCAL} stores a value its column cannot hold altered (cut short, zeroed) and
     * only warns. The parser refuses every such value it knows of; should one still get through
     * (a store whose columns differ from this build's), the chunk fails rather than keep it.
     */
    private void failOnWarnings(Statement statement) throws SQLException {
        SQLWarning warning = statement.getWarnings();
        if (warning != null) {
            throw new SQLException("the database altered a value as it stored it (" + warning.getMessage()
                    + "); nothing of this chunk was kept");
        }
    }

    private String loadData(String into, String assignments) {
        return "LOAD DATA LOCAL INFILE 'chunk.tsv' INTO TABLE " + into + " " + LoadDataText.FORMAT + " ("
                + String.join(", ", textColumns) + ") SET " + assignments;
    }

    private Merged counts(Statement statement) throws SQLException {
        long[] byState = new long[3];
        try (var result =
                statement.executeQuery("SELECT merge_state, COUNT(*) FROM " + stage + " GROUP BY merge_state")) {
            while (result.next()) {
                byState[result.getInt(1)] = result.getLong(2);
            }
        }
        return new Merged(byState[NEW], byState[UNCHANGED], byState[REVISED]);
    }

    private String keyJoin() {
        return kind.keyColumns().stream().map(c -> "t." + c + " = s." + c).collect(Collectors.joining(" AND "));
    }

    /** The rows as LOAD DATA reads them, one per line. */
    private static ByteArrayInputStream text(List<ParsedRow.Accepted> rows) {
        ByteArrayOutputStream text = new ByteArrayOutputStream(rows.size() * 256);
        for (ParsedRow.Accepted row : rows) {
            text.writeBytes(row.text());
            text.write('\n');
        }
        return new ByteArrayInputStream(text.toByteArray());
    }
}
