package kr.compliance.sources;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;

/**
 * How far a JDBC pull of one record kind got: the watermark column's value on the last row read,
 * kept as text with its type so the next pull binds it as the same SQL type (a DATETIME compared with
 * a DATETIME, a BIGINT with a number, never through a string conversion that loses precision).
 */
record Watermark(Type type, String value) {

    enum Type {
        TIMESTAMP,
        NUMBER,
        TEXT
    }

    /** The watermark column's value on the current row, or null when the row has none. */
    static Watermark read(ResultSet row, int column, int sqlType) throws SQLException {
        return switch (typeOf(sqlType)) {
            case TIMESTAMP -> {
                LocalDateTime value = row.getObject(column, LocalDateTime.class);
                yield value == null ? null : new Watermark(Type.TIMESTAMP, value.toString());
            }
            case NUMBER -> {
                BigDecimal value = row.getBigDecimal(column);
                yield value == null ? null : new Watermark(Type.NUMBER, value.toPlainString());
            }
            case TEXT -> {
                String value = row.getString(column);
                yield value == null ? null : new Watermark(Type.TEXT, value);
            }
        };
    }

    void bind(PreparedStatement statement, int index) throws SQLException {
        switch (type) {
            case TIMESTAMP -> statement.setObject(index, LocalDateTime.parse(value));
            case NUMBER -> statement.setBigDecimal(index, new BigDecimal(value));
            case TEXT -> statement.setString(index, value);
        }
    }

    private static Type typeOf(int sqlType) {
        return switch (sqlType) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Type.TIMESTAMP;
            case Types.TINYINT,
                    Types.SMALLINT,
                    Types.INTEGER,
                    Types.BIGINT,
                    Types.DECIMAL,
                    Types.NUMERIC,
                    Types.FLOAT,
                    Types.REAL,
                    Types.DOUBLE -> Type.NUMBER;
            default -> Type.TEXT;
        };
    }
}
