package kr.compliance.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where each known column sits in a source file, which columns are unknown (ignored and reported
 * once), which required ones are missing and which names appear more than once (either refuses the
 * file). Column order is free; names are matched trimmed and case-insensitively.
 */
record SourceHeader(
        RecordKind kind,
        int[] positions,
        List<String> unknownColumns,
        List<String> missingColumns,
        List<Repeat> repeatedColumns) {

    /**
     * A name the header gives more than one column: which of them holds the value cannot be
     * known, so the file is refused rather than letting the first or the last silently win.
     *
     * @param positions 1-based, as a person counts the columns
     */
    record Repeat(String name, List<Integer> positions) {
        String describe() {
            String times = positions.size() == 2 ? "twice" : positions.size() + " times";
            String listed = positions.subList(0, positions.size() - 1).stream()
                            .map(String::valueOf)
                            .collect(Collectors.joining(", "))
                    + " and " + positions.getLast();
            return "column " + name + " appears " + times + " in its header, at positions " + listed;
        }
    }

    static SourceHeader of(RecordKind kind, List<String> names) {
        Map<String, List<Integer>> byName = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.computeIfAbsent(normalise(names.get(i)), name -> new ArrayList<>())
                    .add(i);
        }
        int[] positions = new int[kind.columns().size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < positions.length; c++) {
            RecordKind.Column column = kind.columns().get(c);
            positions[c] = byName.getOrDefault(column.name(), List.of(-1)).getFirst();
            if (positions[c] < 0 && column.required()) {
                missing.add(column.name());
            }
        }
        List<String> unknown = names.stream()
                .filter(name -> kind.columns().stream()
                        .noneMatch(column -> column.name().equals(normalise(name))))
                .toList();
        // a blank name names no column (an export's trailing commas): several of them choose nothing
        List<Repeat> repeated = byName.entrySet().stream()
                .filter(name -> name.getValue().size() > 1 && !name.getKey().isEmpty())
                .map(name -> new Repeat(
                        name.getKey(), name.getValue().stream().map(i -> i + 1).toList()))
                .toList();
        return new SourceHeader(kind, positions, unknown, missing, repeated);
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
