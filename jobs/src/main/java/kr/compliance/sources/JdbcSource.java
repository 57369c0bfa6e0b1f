package kr.compliance.sources;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import kr.compliance.ingest.RecordKind;

/**
 * A database read through a plain JDBC connection (it is not the store). Per record kind the
 * configured query is wrapped as {@code SELECT * FROM (query) q WHERE q.<watermark> > ? ORDER BY
 * q.<watermark>}, the last watermark bound as a parameter (no {@code WHERE} on the first pull), and
 * the rows are streamed into the kind's CSV file. The watermarks reached are recorded only after the
 * drop loaded.
 */
final class JdbcSource implements SourceSystem {

    /** Connector/J streams a result set row by row with this fetch size instead of buffering it whole. */
    private static final int STREAM_ROWS = Integer.MIN_VALUE;

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final String name;
    private final SourceProperties.Jdbc config;
    private final Watermarks watermarks;

    JdbcSource(String name, SourceProperties.Jdbc config, Watermarks watermarks) {
        this.name = name;
        this.config = config;
        this.watermarks = watermarks;
    }

    @Override
    public PulledDrop pull(Path folder) {
        Map<RecordKind, SourceProperties.Query> queries = queries();
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<RecordKind, Watermark> reached = new EnumMap<>(RecordKind.class);
        try (Connection connection = connect()) {
            for (var entry : queries.entrySet()) {
                RecordKind kind = entry.getKey();
                SourceProperties.Query query = entry.getValue();
                Optional<Watermark> last = watermarks.last(name, kind);
                Watermark top = pullKind(connection, kind, query, last, folder, rows);
                if (top != null) {
                    reached.put(kind, top);
                }
            }
        } catch (SQLException e) {
            throw new SourceFailedException(name, "reading " + withoutQuery(config.url()) + ": " + e.getMessage(), e);
        }
        return new PulledDrop(rows, () -> watermarks.advance(name, reached));
    }

    /** Reads one kind into its file; returns the watermark of the last row, or null if none was read. */
    private Watermark pullKind(
            Connection connection,
            RecordKind kind,
            SourceProperties.Query query,
            Optional<Watermark> last,
            Path folder,
            Map<String, Long> rows)
            throws SQLException {
        String sql = "SELECT * FROM (" + query.sql().strip().replaceFirst(";+$", "") + ") q"
                + (last.isPresent() ? " WHERE q." + query.watermark() + " > ?" : "")
                + " ORDER BY q." + query.watermark();
        try (PreparedStatement statement =
                connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(STREAM_ROWS);
            if (last.isPresent()) {
                last.get().bind(statement, 1);
            }
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                List<String> header = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    header.add(meta.getColumnLabel(i));
                }
                // the wrapping ORDER BY already made the database refuse a query without it
                int watermarkColumn = result.findColumn(query.watermark());
                Watermark top = null;
                try (DropFile file = DropFile.create(folder, kind, header)) {
                    while (result.next()) {
                        file.write(values(result, meta));
                        Watermark watermark =
                                Watermark.read(result, watermarkColumn, meta.getColumnType(watermarkColumn));
                        top = watermark == null ? top : watermark;
                    }
                    rows.put(kind.fileName(), file.rows());
                }
                return top;
            }
        }
    }

    /** The row's values as docs/formats.md writes them. */
    private List<String> values(ResultSet row, ResultSetMetaData meta) throws SQLException {
        List<String> values = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            values.add(text(row, i, meta.getColumnType(i)));
        }
        return values;
    }

    private String text(ResultSet row, int column, int sqlType) throws SQLException {
        return switch (sqlType) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                timestamp(row.getObject(column, LocalDateTime.class));
            case Types.BIT, Types.BOOLEAN -> {
                boolean value = row.getBoolean(column);
                yield row.wasNull() ? null : Boolean.toString(value);
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                var value = row.getBigDecimal(column);
                yield value == null ? null : value.toPlainString();
            }
            default -> row.getString(column);
        };
    }

    /** A DATETIME is local time of the database; with a configured zone it gets that zone's offset. */
    private String timestamp(LocalDateTime value) {
        if (value == null) {
            return null;
        }
        ZoneId zone = config.zone();
        return zone == null
                ? value.toString()
                : value.atZone(zone).toOffsetDateTime().toString();
    }

    /** The configured queries by record kind, checked before anything is read. */
    private Map<RecordKind, SourceProperties.Query> queries() {
        if (config.url() == null || config.url().isBlank()) {
            throw new SourceFailedException(name, "it has no jdbc.url");
        }
        Map<RecordKind, SourceProperties.Query> queries = new EnumMap<>(RecordKind.class);
        config.queries().forEach((key, query) -> {
            RecordKind kind = RecordKind.ofFile(key + ".csv")
                    .orElseThrow(() -> new SourceFailedException(
                            name,
                            "its query '" + key + "' names no record kind (known: "
                                    + Arrays.stream(RecordKind.values())
                                            .map(k -> k.fileName().replace(".csv", ""))
                                            .collect(Collectors.joining(", "))
                                    + ")"));
            // the label is written into the wrapping SQL: a plain identifier only
            if (query.sql() == null
                    || query.watermark() == null
                    || !query.watermark().matches("\\w+")) {
                throw new SourceFailedException(
                        name, "its query '" + key + "' needs sql and a watermark column label (letters, digits, _)");
            }
            queries.put(kind, query);
        });
        if (queries.isEmpty()) {
            throw new SourceFailedException(name, "it configures no jdbc.queries");
        }
        return queries;
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (config.user() != null && !config.user().isBlank()) {
            properties.setProperty("user", config.user());
            properties.setProperty("password", config.password() == null ? "" : config.password());
        }
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_MILLIS));
        Connection connection = DriverManager.getConnection(config.url(), properties);
        connection.setReadOnly(true);
        return connection;
    }

    /** The query part of a JDBC URL may carry credentials: it stays out of messages. */
    private static String withoutQuery(String url) {
        return url.replaceFirst("\\?.*", "");
    }
}
