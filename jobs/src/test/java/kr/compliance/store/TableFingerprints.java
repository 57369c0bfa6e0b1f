package kr.compliance.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What two stores are compared by, table by table: the row count and a sum of per-row checksums
 * over every column but those left out (run bookkeeping such as when a row was written), so two
 * stores agree only if they hold the same rows, whatever order they were written in. Binary
 * columns are compared by their hex.
 */
public final class TableFingerprints {

    /** The tables a load writes its records and rejections to. */
    public static final List<String> LOADED = List.of(
            "change_record",
            "test_run",
            "incident",
            "notification",
            "postmortem",
            "action_item",
            "runbook",
            "control_exception",
            "rejected_record");

    private TableFingerprints() {}

    /** Per table of {@code schema}, in the order given: {@code count:checksum}. */
    public static Map<String, String> of(
            Connection connection, String schema, List<String> tables, Collection<String> leftOut) throws SQLException {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (String table : tables) {
            List<String> columns = new ArrayList<>();
            try (var found = connection.prepareStatement(
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ?"
                            + " AND table_name = ? ORDER BY ordinal_position")) {
                found.setString(1, schema);
                found.setString(2, table);
                try (var result = found.executeQuery()) {
                    while (result.next()) {
                        String column = result.getString(1);
                        if (!leftOut.contains(column)) {
                            columns.add(
                                    result.getString(2).toLowerCase().contains("binary")
                                            ? "HEX(" + column + ")"
                                            : "CAST(" + column + " AS CHAR)");
                        }
                    }
                }
            }
            String row = columns.stream()
                    .map(column -> "COALESCE(" + column + ", '~')")
                    .collect(Collectors.joining(", '|', "));
            try (var result = connection
                    .createStatement()
                    .executeQuery("SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT(" + row + "))), 0)) FROM "
                            + schema + "." + table)) {
                result.next();
                fingerprints.put(table, result.getString(1));
            }
        }
        return fingerprints;
    }
}
