package kr.compliance.pack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.compliance.results.Run;
import org.jooq.Field;
import org.jooq.Record;

/**
 * The period's evidence records as sheets at the end of the workbook, one per kind, so that a
 * finding's subject and evidence ids link to the rows that decided it. A link costs memory in a
 * streamed sheet, so only a period of at most {@code compliance.pack.linked-evidence-max-records}
 * records gets them; a larger one keeps its records in the pack's CSV entries alone, and the cover
 * says so.
 */
final class EvidenceSheets {

    private final boolean linked;
    private final Map<String, String> rowOf = new HashMap<>();
    private final List<String> sheetNames = new ArrayList<>();

    private EvidenceSheets(boolean linked) {
        this.linked = linked;
    }

    /** Sheets and links for the run's period if it has at most {@code maxRecords} records; none otherwise. */
    static EvidenceSheets forPeriod(PackRepository repository, Run run, long maxRecords) {
        return new EvidenceSheets(maxRecords > 0 && repository.recordsAtMost(run, maxRecords));
    }

    /** Whether the workbook holds the records and links to them. */
    boolean linked() {
        return linked;
    }

    /**
     * Writes a sheet per evidence kind, records in the CSV entries' order, and notes where each
     * record's row is: by its id, and a runbook also by {@code id@version} as findings cite it.
     */
    void write(EvidenceWorkbook workbook, PackRepository repository, Run run, PackLabels labels) {
        if (!linked) {
            return;
        }
        for (EvidenceKind kind : EvidenceKind.values()) {
            List<Field<?>> columns = kind.columns();
            List<String> header = columns.stream().map(Field::getName).toList();
            int id = header.indexOf(kind.id().getName());
            int version = kind == EvidenceKind.RUNBOOKS ? header.indexOf("version") : -1;
            try (SheetSeries sheet =
                    workbook.table(labels.get("sheet.records." + kind.name()), header, kind.entryName())) {
                repository.forEachRecord(kind, run, (Record r) -> {
                    String address = sheet.row(r.intoArray());
                    String recordId = String.valueOf(r.get(id));
                    if (version < 0) {
                        rowOf.putIfAbsent(recordId, address);
                    } else {
                        // versions come in ascending order: the plain id names the latest
                        rowOf.put(recordId, address);
                        rowOf.put(recordId + "@" + r.get(version), address);
                    }
                });
                sheetNames.addAll(sheet.sheetNames());
            }
        }
    }

    /** Where the first of {@code ids} (as findings list them) that has a row is, or null. */
    String addressOfFirst(String ids) {
        if (ids == null || ids.isEmpty() || !linked) {
            return null;
        }
        for (String id : ids.split(kr.compliance.scoring.Finding.REF_SEPARATOR)) {
            String address = rowOf.get(id);
            if (address != null) {
                return address;
            }
        }
        return null;
    }

    List<String> sheetNames() {
        return sheetNames;
    }
}
