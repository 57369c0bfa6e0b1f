package kr.compliance.serve;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A record as a reviewer reads it: its fields labelled in business terms with the store's
 * bookkeeping left out, numbers as written in the drop, and its revisions side by side, each
 * with the load, file and line it came from and the fields it changed marked.
 */
record RecordPage(List<Field> fields, List<RevisionHeader> revisions, List<Row> grid) {

    /** Columns of the store, not of the drop: they say nothing a reviewer needs. */
    private static final Set<String> BOOKKEEPING =
            Set.of("content_hash", "superseded_by_load", "revision", "load_id", "source_line");

    record Field(String label, String value) {}

    record RevisionHeader(int revision, long loadId, String file, long line) {}

    /** One field across the revisions; {@code changed[i]} when revision i changed it. */
    record Row(String label, List<String> values, List<Boolean> changed) {}

    static RecordPage of(EvidenceRecords.RecordView record) {
        List<Field> fields = new ArrayList<>();
        record.current().forEach((name, value) -> {
            if (shown(name)) {
                fields.add(new Field(label(name), text(value)));
            }
        });
        List<RevisionHeader> headers = new ArrayList<>();
        for (Map<String, Object> revision : record.revisions()) {
            long load = ((Number) revision.get("load_id")).longValue();
            headers.add(new RevisionHeader(
                    ((Number) revision.get("revision")).intValue(),
                    load,
                    record.loadFiles().getOrDefault(load, "?"),
                    ((Number) revision.get("source_line")).longValue()));
        }
        List<Row> grid = new ArrayList<>();
        for (String name : record.revisions().getFirst().keySet()) {
            if (!shown(name)) {
                continue;
            }
            List<String> values = new ArrayList<>();
            List<Boolean> changed = new ArrayList<>();
            String before = null;
            for (int i = 0; i < record.revisions().size(); i++) {
                String value = text(record.revisions().get(i).get(name));
                values.add(value);
                changed.add(i > 0 && !Objects.equals(before, value));
                before = value;
            }
            grid.add(new Row(label(name), values, changed));
        }
        return new RecordPage(fields, headers, grid);
    }

    private static boolean shown(String column) {
        return !BOOKKEEPING.contains(column) && !column.endsWith("_key");
    }

    /** {@code data_center} is "Data center", {@code users_affected_pct} "Users affected (%)". */
    static String label(String column) {
        String words = column.replace("_pct", " (%)").replace("_id", " id").replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** A decimal as written ({@code 80}, {@code 0.62}), never {@code 80.000000000000}; empty for none. */
    static String text(Object value) {
        return switch (value) {
            case null -> "";
            case BigDecimal decimal ->
                decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
            default -> value.toString();
        };
    }
}
