package kr.compliance.ingest;

import static kr.compliance.store.jooq.Tables.*;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Table;

/**
 * The file kinds of a canonical source drop (docs/formats.md), each with its columns, its key, the
 * table that keeps its revisions and the column that dates it (to place a rejected row in a
 * period). Columns are stored under their source names.
 */
public enum RecordKind {
    EXCEPTIONS(
            "exceptions.csv",
            CONTROL_EXCEPTION,
            List.of("exception_id"),
            "valid_from",
            Map.of("control_key", "control_id"),
            Column.required("exception_id", Types.ID),
            Column.required("control_id", Types.ID),
            Column.required("subject_id", Types.ID),
            Column.required("reason", Types.TEXT),
            Column.required("approved_by", Types.TEXT),
            Column.required("valid_from", Types.TIMESTAMP),
            Column.required("valid_until", Types.TIMESTAMP)),
    RUNBOOKS(
            "runbooks.csv",
            RUNBOOK,
            List.of("runbook_id", "version"),
            "last_reviewed_at",
            Map.of("incident_type_key", "incident_type"),
            Column.required("runbook_id", Types.ID),
            Column.required("version", Types.ID),
            Column.required("incident_type", Types.TEXT),
            Column.optional("title", Types.TEXT),
            Column.optional("owner_department", Types.TEXT),
            Column.optional("roles", Types.TEXT),
            Column.required("last_reviewed_at", Types.TIMESTAMP)),
    CHANGES(
            "changes.csv",
            CHANGE_RECORD,
            List.of("change_id"),
            "started_at",
            Map.of("data_center_key", "data_center"),
            Column.required("change_id", Types.ID),
            Column.required("service", Types.TEXT),
            Column.required("data_center", Types.TEXT),
            Column.required(
                    "change_type",
                    new FieldType.Enumeration(
                            "UPDATE", "SYSTEM_REPLACEMENT", "NEW_SERVICE", "CONFIG", "INFRA", "EMERGENCY")),
            Column.required("scale", new FieldType.Enumeration("MAJOR", "MINOR")),
            Column.withDefault("destructive", Types.BOOLEAN, Boolean.FALSE),
            Column.optional("summary", Types.TEXT),
            Column.required("requested_by", Types.TEXT),
            Column.optional("approved_by", Types.TEXT),
            Column.optional("approved_at", Types.TIMESTAMP),
            Column.optional("window_start", Types.TIMESTAMP),
            Column.optional("window_end", Types.TIMESTAMP),
            Column.required("started_at", Types.TIMESTAMP),
            Column.optional("ended_at", Types.TIMESTAMP),
            Column.optional("outcome", new FieldType.Enumeration("SUCCESS", "FAILED", "ROLLED_BACK", "IN_PROGRESS")),
            Column.optional("rollback_plan", Types.TEXT)),
    TESTS(
            "tests.csv",
            TEST_RUN,
            List.of("test_run_id"),
            "finished_at",
            Map.of(),
            Column.required("test_run_id", Types.ID),
            Column.required("change_id", Types.ID),
            Column.required("environment", Types.TEXT),
            Column.optional("env_parity", new FieldType.Decimal(0, 1)),
            Column.required(
                    "scope", new FieldType.Enumeration("UNIT", "INTEGRATION", "E2E", "LOAD", "FAILOVER", "ROLLBACK")),
            Column.required("started_at", Types.TIMESTAMP),
            Column.required("finished_at", Types.TIMESTAMP),
            Column.required("result", new FieldType.Enumeration("PASSED", "FAILED", "ERROR", "SKIPPED")),
            Column.optional("tests_total", Types.COUNT),
            Column.optional("tests_failed", Types.COUNT)),
    INCIDENTS(
            "incidents.csv",
            INCIDENT,
            List.of("incident_id"),
            "started_at",
            Map.of("data_center_key", "data_center", "incident_type_key", "incident_type"),
            Column.required("incident_id", Types.ID),
            Column.required("service", Types.TEXT),
            Column.required("data_center", Types.TEXT),
            Column.required("severity", new FieldType.Enumeration("SEV1", "SEV2", "SEV3", "SEV4")),
            Column.optional("title", Types.TEXT),
            Column.required("incident_type", Types.TEXT),
            Column.required("started_at", Types.TIMESTAMP),
            Column.required("detected_at", Types.TIMESTAMP),
            Column.optional("resolved_at", Types.TIMESTAMP),
            Column.optional("closed_at", Types.TIMESTAMP),
            Column.withDefault("users_affected_pct", new FieldType.Decimal(0, 100), BigDecimal.ZERO),
            Column.required(
                    "detection_source",
                    new FieldType.Enumeration("MONITORING", "USER_REPORT", "INTERNAL_REPORT", "EXTERNAL")),
            Column.optional("cause_change_id", Types.ID),
            Column.optional("commander", Types.TEXT),
            Column.optional("commander_assigned_at", Types.TIMESTAMP)),
    NOTIFICATIONS(
            "notifications.csv",
            NOTIFICATION,
            List.of("notification_id"),
            "published_at",
            Map.of(),
            Column.required("notification_id", Types.ID),
            Column.required("incident_id", Types.ID),
            Column.required(
                    "channel", new FieldType.Enumeration("SNS", "STATUS_PAGE", "IN_APP", "EMAIL", "SMS", "PRESS")),
            Column.required("kind", new FieldType.Enumeration("INITIAL", "UPDATE", "RESOLVED")),
            Column.required("published_at", Types.TIMESTAMP),
            Column.optional("url", Types.TEXT)),
    POSTMORTEMS(
            "postmortems.csv",
            POSTMORTEM,
            List.of("postmortem_id"),
            "published_at",
            Map.of(),
            Column.required("postmortem_id", Types.ID),
            Column.required("incident_id", Types.ID),
            Column.required("published_at", Types.TIMESTAMP),
            Column.optional("template_version", Types.TEXT),
            Column.optional("root_cause", Types.TEXT)),
    ACTION_ITEMS(
            "action_items.csv",
            ACTION_ITEM,
            List.of("action_item_id"),
            "due_at",
            Map.of(),
            Column.required("action_item_id", Types.ID),
            Column.required("postmortem_id", Types.ID),
            Column.optional("title", Types.TEXT),
            Column.optional("owner", Types.TEXT),
            Column.required("due_at", Types.TIMESTAMP),
            Column.optional("closed_at", Types.TIMESTAMP));

    private final String fileName;
    private final Table<?> table;
    private final List<String> keyColumns;
    private final String referenceColumn;
    private final Map<String, String> derivedKeys;
    private final List<Column> columns;

    RecordKind(
            String fileName,
            Table<?> table,
            List<String> keyColumns,
            String referenceColumn,
            Map<String, String> derivedKeys,
            Column... columns) {
        this.fileName = fileName;
        this.table = table;
        this.keyColumns = keyColumns;
        this.referenceColumn = referenceColumn;
        this.derivedKeys = derivedKeys;
        this.columns = List.of(columns);
    }

    public String fileName() {
        return fileName;
    }

    public Table<?> table() {
        return table;
    }

    /** The columns that identify a record: its revisions share them. */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /** The column that places a record in a period. */
    public String referenceColumn() {
        return referenceColumn;
    }

    /** Comparison keys stored beside their source column (target column to source column). */
    public Map<String, String> derivedKeys() {
        return derivedKeys;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<Column> requiredColumns() {
        return columns.stream().filter(Column::required).toList();
    }

    public static Optional<RecordKind> ofFile(String fileName) {
        for (RecordKind kind : values()) {
            if (kind.fileName.equals(fileName)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** One column of a source file. */
    public record Column(String name, FieldType type, boolean required, Object defaultValue) {
        static Column required(String name, FieldType type) {
            return new Column(name, type, true, null);
        }

        static Column optional(String name, FieldType type) {
            return new Column(name, type, false, null);
        }

        static Column withDefault(String name, FieldType type, Object defaultValue) {
            return new Column(name, type, false, defaultValue);
        }
    }

    private static final class Types {
        static final FieldType TEXT = new FieldType.Text();
        static final FieldType ID = new FieldType.Id();
        static final FieldType TIMESTAMP = new FieldType.Timestamp();
        static final FieldType BOOLEAN = new FieldType.Bool();
        static final FieldType COUNT = new FieldType.Count();
    }
}
