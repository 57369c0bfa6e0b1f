package kr.compliance.ingest;

import com.mysql.cj.jdbc.JdbcStatement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kr.compliance.store.TextKeys;
import org.jooq.DSLContext;

/**
 * Merges a chunk of valid records into its record table, set-wise: the chunk is streamed into a
 * session-private staging table with {@code LOAD DATA LOCAL}, then three statements decide and
 * apply what each row is. A new key becomes revision 1; the same content as the current revision
 * changes nothing; other content becomes the next revision and the old one is marked superseded by
 * this load. Nothing is ever deleted or overwritten. A chunk none of whose keys is stored yet (a
 * first load) skips the staging and goes straight into the table.
 */
final class RecordMerger {

    /** Counts of one merge. */
    record Merged(long inserted, long unchanged, long revised) {
        Merged plus(Merged other) {
            return new Merged(inserted + other.inserted, unchanged + other.unchanged, revised + other.revised);
        }
    }

    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final int NEW = 0;
    private static final int UNCHANGED = 1;
    private static final int REVISED = 2;

    private final RecordKind kind;
    private final DSLContext dsl;
    private final String table;
    private final String stage;
    private final List<String> sourceColumns;
    private final List<String> derivedColumns;

    RecordMerger(RecordKind kind, DSLContext dsl) {
        this.kind = kind;
        this.dsl = dsl;
        this.table = kind.table().getName();
        this.stage = "stage_" + table;
        this.sourceColumns =
                kind.columns().stream().map(RecordKind.Column::name).toList();
        this.derivedColumns = List.copyOf(kind.derivedKeys().keySet());
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
                if (noneStoredYet(connection, rows)) {
                    // the common first load: every key is new, so the rows go straight in as revision 1
                    statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(tsv(rows, loadId, true));
                    statement.execute(loadData(table, "revision"));
                    return new Merged(rows.size(), 0, 0);
                }
                // a fresh staging table per round: dropping and creating a TEMPORARY table commits
                // nothing (unlike TRUNCATE), and is far cheaper than deleting its rows
                statement.execute("DROP TEMPORARY TABLE IF EXISTS " + stage);
                statement.execute("CREATE TEMPORARY TABLE " + stage
                        + " (merge_state TINYINT NOT NULL DEFAULT 0, prev_revision INT NULL)"
                        + " SELECT * FROM " + table + " WHERE 1 = 0");
                statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(tsv(rows, loadId, false));
                statement.execute(loadData(stage));
                statement.executeUpdate("UPDATE " + stage + " s JOIN " + table + " t ON " + keyJoin()
                        + " AND t.superseded_by_load IS NULL SET s.prev_revision = t.revision,"
                        + " s.merge_state = CASE WHEN t.content_hash = s.content_hash THEN " + UNCHANGED
                        + " ELSE " + REVISED + " END");
                statement.executeUpdate("UPDATE " + table + " t JOIN " + stage + " s ON " + keyJoin()
                        + " AND s.merge_state = " + REVISED + " SET t.superseded_by_load = " + loadId
                        + " WHERE t.superseded_by_load IS NULL");
                String columns = String.join(", ", stagedColumns());
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
     * Whether no row's key is stored yet, asked with one indexed lookup per key. Kinds keyed on
     * more than one column (runbooks: few rows) always take the general path.
     */
    private boolean noneStoredYet(java.sql.Connection connection, List<ParsedRow.Accepted> rows) throws SQLException {
        if (kind.keyColumns().size() != 1) {
            return false;
        }
        String keyColumn = kind.keyColumns().getFirst();
        int key = sourceColumns.indexOf(keyColumn);
        String placeholders = String.join(", ", java.util.Collections.nCopies(rows.size(), "?"));
        try (var query = connection.prepareStatement(
                "SELECT 1 FROM " + table + " WHERE " + keyColumn + " IN (" + placeholders + ") LIMIT 1")) {
            for (int i = 0; i < rows.size(); i++) {
                query.setString(i + 1, (String) rows.get(i).values()[key]);
            }
            try (var found = query.executeQuery()) {
                return !found.next();
            }
        }
    }

    private String loadData(String into, String... extraColumns) {
        List<String> columns =
                Stream.concat(stagedColumns().stream(), Stream.of(extraColumns)).toList();
        return "LOAD DATA LOCAL INFILE 'chunk.tsv' INTO TABLE " + into
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'"
                + " LINES TERMINATED BY '\\n' (" + String.join(", ", columns) + ")";
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

    private List<String> stagedColumns() {
        return Stream.of(sourceColumns, derivedColumns, List.of("content_hash", "source_line", "load_id"))
                .flatMap(List::stream)
                .toList();
    }

    /** The rows as LOAD DATA reads them; {@code asFirstRevision} adds the revision column, 1. */
    private ByteArrayInputStream tsv(List<ParsedRow.Accepted> rows, long loadId, boolean asFirstRevision) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 256);
        StringBuilder line = new StringBuilder(512);
        for (ParsedRow.Accepted row : rows) {
            line.setLength(0);
            for (Object value : row.values()) {
                appendField(line, value);
            }
            for (String target : derivedColumns) {
                Object source =
                        row.values()[sourceColumns.indexOf(kind.derivedKeys().get(target))];
                appendField(line, TextKeys.key((String) source));
            }
            appendField(line, row.contentHash());
            appendField(line, row.line());
            line.append(loadId);
            line.append(asFirstRevision ? "\t1\n" : "\n");
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    private static void appendField(StringBuilder line, Object value) {
        switch (value) {
            case null -> line.append("\\N");
            case Instant instant -> line.append(DATETIME.format(instant));
            case Boolean bool -> line.append(bool ? '1' : '0');
            case BigDecimal decimal -> line.append(decimal.toPlainString());
            case String text -> escape(line, text);
            default -> line.append(value);
        }
        line.append('\t');
    }

    private static void escape(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\0' -> line.append("\\0");
                default -> line.append(ch);
            }
        }
    }
}
