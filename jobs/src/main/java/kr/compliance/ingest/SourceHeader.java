package kr.compliance.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each known column sits in a source file, which columns are unknown (ignored and reported
 * once) and which required ones are missing (the file is refused). Column order is free; names are
 * matched trimmed and case-insensitively.
 */
record SourceHeader(RecordKind kind, int[] positions, List<String> unknownColumns, List<String> missingColumns) {

    static SourceHeader of(RecordKind kind, List<String> names) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.putIfAbsent(normalise(names.get(i)), i);
        }
        int[] positions = new int[kind.columns().size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < positions.length; c++) {
            RecordKind.Column column = kind.columns().get(c);
            positions[c] = byName.getOrDefault(column.name(), -1);
            if (positions[c] < 0 && column.required()) {
                missing.add(column.name());
            }
        }
        List<String> unknown = names.stream()
                .filter(name -> kind.columns().stream()
                        .noneMatch(column -> column.name().equals(normalise(name))))
                .toList();
        return new SourceHeader(kind, positions, unknown, missing);
    }

    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** The field of column {@code c} in {@code fields}, or null when the file has no such column. */
    String field(List<String> fields, int c) {
        int position = positions[c];
        return position < 0 || position >= fields.size() ? null : fields.get(position);
    }
}
