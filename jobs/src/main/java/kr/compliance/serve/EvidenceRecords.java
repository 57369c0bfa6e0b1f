package kr.compliance.serve;

import static kr.compliance.store.jooq.Tables.ACTION_ITEM;
import static kr.compliance.store.jooq.Tables.CHANGE_RECORD;
import static kr.compliance.store.jooq.Tables.INCIDENT;
import static kr.compliance.store.jooq.Tables.NOTIFICATION;
import static kr.compliance.store.jooq.Tables.POSTMORTEM;
import static kr.compliance.store.jooq.Tables.RUNBOOK;
import static kr.compliance.store.jooq.Tables.TEST_RUN;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.compliance.results.Finding;
import kr.compliance.results.ScoringResults;
import kr.compliance.store.Revisions;
import kr.compliance.store.Zones;
import kr.compliance.store.jooq.Tables;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One evidence record with everything an auditor follows from it: its revisions, its findings in
 * the latest completed run of every period, and the records linked to it in both directions.
 */
@Service
public class EvidenceRecords {

    /** The kinds of record, with the table and id column of each. */
    enum Kind {
        CHANGE(Tables.CHANGE_RECORD, Tables.CHANGE_RECORD.CHANGE_ID),
        TEST(Tables.TEST_RUN, Tables.TEST_RUN.TEST_RUN_ID),
        INCIDENT(Tables.INCIDENT, Tables.INCIDENT.INCIDENT_ID),
        NOTIFICATION(Tables.NOTIFICATION, Tables.NOTIFICATION.NOTIFICATION_ID),
        POSTMORTEM(Tables.POSTMORTEM, Tables.POSTMORTEM.POSTMORTEM_ID),
        ACTION_ITEM(Tables.ACTION_ITEM, Tables.ACTION_ITEM.ACTION_ITEM_ID),
        RUNBOOK(Tables.RUNBOOK, Tables.RUNBOOK.RUNBOOK_ID);

        final Table<?> table;
        final Field<String> id;

        Kind(Table<?> table, Field<String> id) {
            this.table = table;
            this.id = id;
        }
    }

    /**
     * A record another one points at, or that points at it; {@code href} opens it in the API with the
     * id in the query, so an id holding {@code /} or {@code %} works too.
     */
    public record Link(String relation, String subjectType, String id, String href) {

        Link(String relation, String subjectType, String id) {
            this(relation, subjectType, id, apiPath(subjectType, id));
        }
    }

    /** The API path of a record, its id encoded as a query value. */
    static String apiPath(String subjectType, String id) {
        return UriComponentsBuilder.fromPath("/api/records/{type}")
                .queryParam("id", "{id}")
                .encode()
                .buildAndExpand(subjectType, id)
                .toUriString();
    }

    /** The drill-down of one record. */
    public record RecordView(
            String subjectType,
            String id,
            Map<String, Object> current,
            List<Map<String, Object>> revisions,
            List<Finding> findings,
            List<Link> links,
            @JsonProperty("load_files") Map<Long, String> loadFiles,
            @JsonProperty("seen_by_run") Long seenByRun) {}

    private final DSLContext dsl;
    private final ZoneId reportZone;
    private final ScoringResults scoringResults;

    EvidenceRecords(DSLContext dsl, Zones zones, ScoringResults scoringResults) {
        this.dsl = dsl;
        this.reportZone = zones.report();
        this.scoringResults = scoringResults;
    }

    /** A record and its links as they stand now. */
    public RecordView view(String subjectType, String rawId) {
        return view(subjectType, rawId, null);
    }

    /**
     * A record and its links as scoring run {@code runId} saw them: their revisions current as of the
     * last load the run judged ({@code evidence_load_id}), so a record loaded or revised after it
     * is not shown as what the run judged; with no run, as they stand now. Every revision is
     * listed either way.
     */
    public RecordView view(String subjectType, String rawId, Long runId) {
        Kind kind = kind(subjectType);
        String id = rawId.strip();
        Long seenAtLoad = runId == null
                ? null
                : scoringResults
                        .run(runId)
                        .orElseThrow(() -> new NotFoundException("no scoring run " + runId))
                        .evidenceLoadId();
        List<Map<String, Object>> revisions = dsl.selectFrom(kind.table)
                .where(kind.id.eq(id))
                .orderBy(kind.table.field("revision"))
                .fetch(this::values);
        if (revisions.isEmpty()) {
            throw new NotFoundException("no " + kind + " record with id '" + rawId + "'");
        }
        Record current = dsl.selectFrom(kind.table)
                .where(kind.id.eq(id))
                .and(seen(kind, seenAtLoad))
                .orderBy(kind.table.field("revision").desc())
                .limit(1)
                .fetchOne();
        List<Finding> findings = findings(kind, id);
        List<Link> links = new ArrayList<>(current == null ? List.of() : links(kind, current, seenAtLoad));
        links.addAll(cited(id, findings));
        for (Finding citing : scoringResults.findingsCiting(id, reportZone)) {
            links.add(new Link(
                    "cited as evidence by " + citing.controlId() + " (" + citing.status() + ")",
                    citing.subjectType(),
                    citing.subjectId()));
        }
        return new RecordView(
                kind.name(),
                id,
                current == null ? revisions.getLast() : values(current),
                revisions,
                findings,
                links,
                loadFiles(revisions),
                runId);
    }

    /** The revision of each record current now, or as of load {@code seenAtLoad}. */
    private static Condition seen(Kind kind, Long seenAtLoad) {
        return seenAtLoad == null ? Revisions.current(kind.table) : Revisions.currentAsOfLoad(kind.table, seenAtLoad);
    }

    private static Kind kind(String subjectType) {
        try {
            return Kind.valueOf(subjectType.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no record type '" + subjectType + "'; one of CHANGE, TEST, INCIDENT, "
                    + "NOTIFICATION, POSTMORTEM, ACTION_ITEM, RUNBOOK");
        }
    }

    private List<Finding> findings(Kind kind, String id) {
        return scoringResults.findingsOfSubject(kind.name(), id, reportZone);
    }

    private List<Link> links(Kind kind, Record current, Long seenAtLoad) {
        List<Link> links = new ArrayList<>();
        switch (kind) {
            case CHANGE -> {
                String changeId = current.get(CHANGE_RECORD.CHANGE_ID);
                add(links, seenAtLoad, "tested by", Kind.TEST, TEST_RUN.CHANGE_ID.eq(changeId));
                add(links, seenAtLoad, "caused", Kind.INCIDENT, INCIDENT.CAUSE_CHANGE_ID.eq(changeId));
            }
            case TEST ->
                add(
                        links,
                        seenAtLoad,
                        "tests",
                        Kind.CHANGE,
                        CHANGE_RECORD.CHANGE_ID.eq(current.get(TEST_RUN.CHANGE_ID)));
            case INCIDENT -> {
                String incidentId = current.get(INCIDENT.INCIDENT_ID);
                add(links, seenAtLoad, "notified by", Kind.NOTIFICATION, NOTIFICATION.INCIDENT_ID.eq(incidentId));
                add(links, seenAtLoad, "reviewed in", Kind.POSTMORTEM, POSTMORTEM.INCIDENT_ID.eq(incidentId));
                add(
                        links,
                        seenAtLoad,
                        "caused by",
                        Kind.CHANGE,
                        CHANGE_RECORD.CHANGE_ID.eq(current.get(INCIDENT.CAUSE_CHANGE_ID)));
                add(
                        links,
                        seenAtLoad,
                        "runbook",
                        Kind.RUNBOOK,
                        RUNBOOK.INCIDENT_TYPE_KEY.eq(current.get(INCIDENT.INCIDENT_TYPE_KEY)));
            }
            case NOTIFICATION ->
                add(
                        links,
                        seenAtLoad,
                        "notifies of",
                        Kind.INCIDENT,
                        INCIDENT.INCIDENT_ID.eq(current.get(NOTIFICATION.INCIDENT_ID)));
            case POSTMORTEM -> {
                add(
                        links,
                        seenAtLoad,
                        "reviews",
                        Kind.INCIDENT,
                        INCIDENT.INCIDENT_ID.eq(current.get(POSTMORTEM.INCIDENT_ID)));
                add(
                        links,
                        seenAtLoad,
                        "action items",
                        Kind.ACTION_ITEM,
                        ACTION_ITEM.POSTMORTEM_ID.eq(current.get(POSTMORTEM.POSTMORTEM_ID)));
            }
            case ACTION_ITEM ->
                add(
                        links,
                        seenAtLoad,
                        "from postmortem",
                        Kind.POSTMORTEM,
                        POSTMORTEM.POSTMORTEM_ID.eq(current.get(ACTION_ITEM.POSTMORTEM_ID)));
            case RUNBOOK -> {
                // the incidents of a runbook's type can be thousands: the findings list them instead
            }
        }
        return links;
    }

    /**
     * The records this record's findings cite as their evidence (the control's own judgement, not
     * a second rule beside it), each under the kind that holds its id.
     */
    private List<Link> cited(String id, List<Finding> findings) {
        List<Link> links = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Finding finding : findings) {
            for (String ref : finding.evidenceRefs().split(kr.compliance.scoring.Finding.REF_SEPARATOR)) {
                String refId = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
                if (refId.isBlank() || refId.equals(id) || !seen.add(finding.controlId() + " " + refId)) {
                    continue;
                }
                for (Kind kind : Kind.values()) {
                    if (dsl.fetchExists(kind.table, kind.id.eq(refId))) {
                        links.add(new Link("cited by " + finding.controlId(), kind.name(), refId));
                        break;
                    }
                }
            }
        }
        return links;
    }

    /** The file each revision came from, by load. */
    private Map<Long, String> loadFiles(List<Map<String, Object>> revisions) {
        List<Long> loads = revisions.stream()
                .map(revision -> ((Number) revision.get("load_id")).longValue())
                .distinct()
                .toList();
        Map<Long, String> files = new java.util.TreeMap<>();
        dsl.select(Tables.INGEST_LOAD.LOAD_ID, Tables.INGEST_LOAD.FILE_NAME)
                .from(Tables.INGEST_LOAD)
                .where(Tables.INGEST_LOAD.LOAD_ID.in(loads))
                .forEach(r -> files.put(r.value1(), r.value2()));
        return files;
    }

    /** Adds the distinct records of {@code kind} that match as seen at a load, at most 200 of them. */
    private void add(List<Link> links, Long seenAtLoad, String relation, Kind kind, Condition condition) {
        dsl.selectDistinct(kind.id)
                .from(kind.table)
                .where(condition)
                .and(seen(kind, seenAtLoad))
                .orderBy(kind.id)
                .limit(200)
                .fetch(kind.id)
                .forEach(id -> links.add(new Link(relation, kind.name(), id)));
    }

    private Map<String, Object> values(Record record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field<?> field : record.fields()) {
            Object value = record.get(field);
            if (value instanceof java.time.Instant instant) {
                value = instant.atZone(reportZone).toOffsetDateTime();
            }
            values.put(field.getName(), value);
        }
        return values;
    }
}
