package kr.compliance.pack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import kr.compliance.pack.PackRows.RevisionCount;
import kr.compliance.results.Catalogue;
import kr.compliance.results.DiffCsv;
import kr.compliance.results.ExceptionCoverage;
import kr.compliance.results.Finding;
import kr.compliance.results.FindingFilter;
import kr.compliance.results.Run;
import kr.compliance.results.RunDiff;
import kr.compliance.results.RunDiffs;
import kr.compliance.results.ScoreRow;
import kr.compliance.results.ScoringResults;
import org.jooq.Record;

/**
 * What goes into the entries of one pack: the CSVs for machines and the tables of the workbook
 * for people, written at the same time on two threads, each streaming its own queries, but for
 * the {@code PASS} findings, which the CSVs' read hands on to the sheets ({@link PassedFindings}).
 */
final class PackContent {

    static final String SCORES = "scores.csv";
    private static final String FINDINGS = "findings.csv";
    private static final String EXCEPTIONS = "exceptions.csv";
    private static final String PASS = "PASS";
    private static final String REJECTIONS = "rejected-records.csv";
    static final String CHANGES = "changes-since-submission.csv";
    private static final List<String> SCORE_HEADER =
            List.of("requirement", "title", "pass", "fail", "exception", "pending", "score", "rating");
    private static final List<String> EXCEPTION_HEADER = List.of(
            "exception_id",
            "control_id",
            "subject_id",
            "reason",
            "approved_by",
            "valid_from",
            "valid_until",
            "covered_count",
            "covered_findings",
            "covers_nothing_because");
    /** The sheets show people the reason, not its code and parameters: findings.csv's columns before those. */
    private static final List<String> FINDING_SHEET_HEADER =
            Finding.CSV_HEADER.subList(0, Finding.CSV_HEADER.indexOf("reason_code"));

    private static final List<String> REJECTION_HEADER = List.of("file", "line", "column", "reason", "raw");

    private final PackRepository repository;
    private final ScoringResults results;
    private final Run run;
    private final PackLabels labels;
    private final SinceSubmission changes;
    private final List<ExceptionCoverage> exceptions;

    /**
     * How the run differs from the submission it was scored after, when it does: the pack's
     * "Changes since the submission" (null when the run is the submitted one or has none).
     */
    record SinceSubmission(RunDiffs diffs, RunDiff diff) {}

    /**
     * @param exceptions the exceptions of the run's period and what each covered or why nothing,
     *     read once for the CSV and the sheet, which are written at the same time
     */
    PackContent(
            PackRepository repository,
            ScoringResults results,
            Run run,
            PackLabels labels,
            SinceSubmission changes,
            List<ExceptionCoverage> exceptions) {
        this.exceptions = exceptions;
        this.repository = repository;
        this.results = results;
        this.run = run;
        this.labels = labels;
        this.changes = changes;
    }

    /**
     * Writes every CSV entry into {@code folder}; returns them as the manifest lists them, in pack
     * order, and hands each to {@code whenComplete} as soon as it is complete. The {@code PASS}
     * findings, as read for {@code findings.csv}, go on to the sheets through {@code passed}, which
     * this always ends.
     */
    List<PackManifest.Entry> writeCsvs(
            Path folder, List<ScoreRow> scores, PassedFindings passed, Consumer<PackManifest.Entry> whenComplete) {
        RuntimeException failure = new PackException("the CSV entries were not written");
        try {
            Map<String, PackManifest.Entry> written = new HashMap<>();
            writeCsvsHanding(folder, scores, passed, csv -> {
                PackManifest.Entry entry = csv.entry();
                written.put(entry.name(), entry);
                whenComplete.accept(entry);
            });
            failure = null;
            return packOrder().stream()
                    .map(written::get)
                    .filter(Objects::nonNull)
                    .toList();
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            passed.end(failure);
        }
    }

    /** The CSV entries in the order the pack lists them; the changes since the submission only when there are. */
    private static List<String> packOrder() {
        List<String> order = new ArrayList<>(List.of(SCORES, FINDINGS, CHANGES, EXCEPTIONS));
        for (EvidenceKind kind : EvidenceKind.values()) {
            order.add(kind.entryName());
        }
        order.add(REJECTIONS);
        return order;
    }

    /**
     * Writes the entries in the order that keeps both cores busy, not the pack's: the records
     * before the findings. The sheets list the failures first and take no {@code PASS} finding
     * until they are done with them; written first, {@code findings.csv} waited for them most of
     * that time with a core idle.
     */
    private void writeCsvsHanding(Path folder, List<ScoreRow> scores, PassedFindings passed, Consumer<CsvEntry> done) {
        try (CsvEntry csv = csv(folder, SCORES, SCORE_HEADER)) {
            for (ScoreRow s : scores) {
                csv.row(
                        s.requirement(),
                        Catalogue.title(s.requirement(), labels.lang()),
                        s.pass(),
                        s.fail(),
                        s.exception(),
                        s.pending(),
                        s.score(),
                        s.rating());
            }
            done.accept(csv);
        }
        for (EvidenceKind kind : EvidenceKind.values()) {
            List<String> header =
                    kind.columns().stream().map(org.jooq.Field::getName).toList();
            try (CsvEntry csv = csv(folder, kind.entryName(), header)) {
                repository.forEachRecord(kind, run, (Record r) -> csv.row(r.intoArray()));
                done.accept(csv);
            }
        }
        try (CsvEntry csv = csv(folder, REJECTIONS, REJECTION_HEADER)) {
            repository.forEachRejection(run, r -> csv.row(r.file(), r.line(), r.column(), r.reason(), r.raw()));
            done.accept(csv);
        }
        try (CsvEntry csv = csv(folder, EXCEPTIONS, EXCEPTION_HEADER)) {
            for (ExceptionCoverage e : exceptions) {
                csv.row(exceptionRow(e));
            }
            done.accept(csv);
        }
        try (CsvEntry csv = csv(folder, FINDINGS, Finding.CSV_HEADER)) {
            results.eachFinding(run, FindingFilter.ALL, f -> {
                Object[] row = findingRow(f);
                csv.row(row);
                if (PASS.equals(f.status())) {
                    passed.hand(f, row);
                }
            });
            done.accept(csv);
        }
        passed.end(null);
        if (changes != null) {
            try (CsvEntry csv = csv(folder, CHANGES, DiffCsv.HEADER)) {
                changes.diffs()
                        .eachChange(
                                changes.diff(),
                                c -> csv.row((Object[]) DiffCsv.rowIn(changes.diff(), c, labels.lang())));
                done.accept(csv);
            }
        }
    }

    private CsvEntry csv(Path folder, String name, List<String> header) {
        return new CsvEntry(folder, name, header, run.zone());
    }

    private static Object[] exceptionRow(ExceptionCoverage e) {
        return new Object[] {
            e.exceptionId(),
            e.controlId(),
            e.subjectId(),
            e.reason(),
            e.approvedBy(),
            e.validFrom().toInstant(),
            e.validUntil().toInstant(),
            (long) e.covers().size(),
            String.join(";", e.covers()),
            e.coversNothingBecause()
        };
    }

    /** A row of findings.csv: the reason in the pack's language; its code and parameters last. */
    private Object[] findingRow(Finding f) {
        return new Object[] {
            f.controlId(),
            f.requirement(),
            f.subjectType(),
            f.subjectId(),
            f.status(),
            f.reasonIn(labels.lang()),
            f.evidenceRefs(),
            f.referenceTime().toInstant(),
            f.reasonCode(),
            f.reasonParams()
        };
    }

    /**
     * Writes the workbook's tables: a sheet per requirement, exceptions, data quality. The
     * requirement sheets are all open at once and the findings streamed into them FAIL first
     * ({@link ScoringResults#STATUS_ORDER}), so each sheet shows its failures on top: each status
     * read from the store in control and subject order, except {@code PASS}, which the CSV writer
     * hands over ({@code passed}) in that order. The data-quality sheets take what
     * {@code qualityReads}, begun with the pack, read meanwhile.
     */
    void writeSheets(
            EvidenceWorkbook workbook,
            EvidenceSheets evidence,
            PassedFindings passed,
            CompletableFuture<QualityReads> qualityReads) {
        workbook.controlTable(results.controlCounts(run.runId()));
        // the record sheets come first so the findings know where to link; they are moved last
        evidence.write(workbook, repository, run, labels);
        List<String> findingHeader = labelled("finding", FINDING_SHEET_HEADER);
        Map<String, SheetSeries> sheets = new LinkedHashMap<>();
        for (String requirement : EvidenceWorkbook.REQUIREMENTS) {
            sheets.put(requirement, requirementSheet(workbook, requirement, findingHeader));
        }
        BiConsumer<Finding, Object[]> listed = (f, row) -> listFinding(sheets, evidence, f, row);
        for (String status : ScoringResults.STATUS_ORDER) {
            if (status.equals(PASS)) {
                passed.forEach(listed);
            } else {
                results.eachFindingWithStatus(run, status, f -> listed.accept(f, findingRow(f)));
            }
        }
        results.eachFindingOfAnotherStatus(run, f -> listed.accept(f, findingRow(f)));
        List<String> requirementSheets = new java.util.ArrayList<>();
        for (SheetSeries sheet : sheets.values()) {
            sheet.close();
            requirementSheets.addAll(sheet.sheetNames());
        }
        // a full sheet's continuation was made when it filled, among the others: back in order
        workbook.moveToEnd(requirementSheets);
        if (changes != null) {
            try (SheetSeries sheet =
                    workbook.table(labels.get("sheet.changes"), labelled("change", DiffCsv.HEADER), CHANGES)) {
                changes.diffs()
                        .eachChange(
                                changes.diff(),
                                c -> sheet.row((Object[]) DiffCsv.rowIn(changes.diff(), c, labels.lang())));
            }
        }
        try (SheetSeries sheet =
                workbook.table(labels.get("sheet.exceptions"), labelled("exception", EXCEPTION_HEADER), EXCEPTIONS)) {
            for (ExceptionCoverage e : exceptions) {
                sheet.row(exceptionRow(e));
            }
        }
        long rejections;
        try (SheetSeries sheet =
                workbook.table(labels.get("sheet.rejections"), labelled("rejection", REJECTION_HEADER), REJECTIONS)) {
            repository.forEachRejection(run, r -> sheet.row(r.file(), r.line(), r.column(), r.reason(), r.raw()));
            rejections = sheet.dataRows();
        }
        QualityReads quality = PackService.join(qualityReads);
        Map<String, Long> references = new java.util.TreeMap<>();
        long roleNotes;
        try (SheetSeries sheet = workbook.table(
                labels.get("sheet.references"),
                labelled("reference", List.of("kind", "record_id", "field", "value")),
                // ids are at most 191 characters: only a runbook's role pair can be too long for a cell
                EvidenceKind.RUNBOOKS.entryName())) {
            quality.forEachDanglingReference(d -> {
                sheet.row(d.kind(), d.recordId(), d.field(), d.missingId());
                references.merge(d.kind() + " " + d.field(), 1L, Long::sum);
            });
            var notes = repository.roleNotes(run);
            notes.forEach(n -> sheet.row("RUNBOOK", n.runbookId() + " v" + n.version(), "roles", n.pair()));
            roleNotes = notes.size();
        }
        try (SheetSeries sheet = workbook.table(
                labels.get("sheet.dataQuality"), labelled("quality", List.of("area", "item", "count", "note")), null)) {
            sheet.row(labels.get("quality.rejections"), REJECTIONS, rejections, labels.get("quality.rejectionsNote"));
            for (String check : List.of(
                    "TEST change_id",
                    "INCIDENT cause_change_id",
                    "NOTIFICATION incident_id",
                    "POSTMORTEM incident_id",
                    "ACTION_ITEM postmortem_id")) {
                sheet.row(
                        labels.get("quality.dangling"),
                        labels.get("dangling." + check.replace(' ', '.')),
                        references.getOrDefault(check, 0L),
                        labels.get("quality.danglingNote"));
            }
            sheet.row(labels.get("quality.roles"), "runbooks.csv roles", roleNotes, labels.get("quality.rolesNote"));
            for (RevisionCount c : quality.revisionCounts()) {
                String kind = labels.get("kind." + c.kind());
                sheet.row(labels.get("quality.records"), kind, c.records(), labels.get("quality.recordsNote"));
                sheet.row(labels.get("quality.revisions"), kind, c.revisions(), labels.get("quality.revisionsNote"));
                sheet.row(labels.get("quality.revised"), kind, c.revisedRecords(), labels.get("quality.revisedNote"));
            }
        }
        workbook.moveLastBefore(labels.get("sheet.rejections"));
        workbook.moveToEnd(evidence.sheetNames());
    }

    /** A finding's row (as in findings.csv) on its requirement's sheet, linked to its records, a failure filled. */
    private static void listFinding(
            Map<String, SheetSeries> sheets, EvidenceSheets evidence, Finding f, Object[] findingRow) {
        SheetSeries sheet = sheets.get(requirementOf(f.controlId()));
        if (sheet == null) {
            throw new PackException("finding " + f.controlId() + " " + f.subjectId()
                    + " names no requirement R1 to R6; the scoring run is not one this pack can show");
        }
        sheet.row(Arrays.copyOf(findingRow, FINDING_SHEET_HEADER.size()));
        link(sheet, 3, evidence.addressOfFirst(f.subjectId()));
        link(sheet, 6, evidence.addressOfFirst(f.evidenceRefs()));
        if ("FAIL".equals(f.status())) {
            sheet.fillLastRow();
        }
    }

    private static void link(SheetSeries sheet, int column, String address) {
        if (address != null) {
            sheet.link(column, address);
        }
    }

    private SheetSeries requirementSheet(EvidenceWorkbook workbook, String requirement, List<String> header) {
        return workbook.table(
                labels.get("sheet.requirement", requirement, Catalogue.title(requirement, labels.lang())),
                header,
                FINDINGS);
    }

    /** {@code R2} for {@code R2.3}: control ids start with their requirement. */
    private static String requirementOf(String controlId) {
        int dot = controlId.indexOf('.');
        return dot < 0 ? controlId : controlId.substring(0, dot);
    }

    private List<String> labelled(String prefix, List<String> columns) {
        return columns.stream()
                .map(c -> labels.get("column." + prefix + "." + c))
                .toList();
    }
}
