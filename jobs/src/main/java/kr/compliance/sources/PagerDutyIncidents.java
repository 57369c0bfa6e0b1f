package kr.compliance.sources;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import kr.compliance.ingest.RecordKind;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty REST API v2 {@code GET /incidents} responses as incidents. The API says when an
 * incident was created, acknowledged and resolved, its urgency, priority and service; what it cannot
 * say (data centre, incident type, how it was detected, the severity scale) comes from the source's
 * configured mapping. A value the mapping lacks is written empty, and the ingest rejects the row
 * naming the missing column, rather than a guess being loaded. Mapping: {@code docs/sources.md}.
 */
final class PagerDutyIncidents implements SourceSystem {

    private static final List<String> HEADER = List.of(
            "incident_id",
            "service",
            "data_center",
            "severity",
            "title",
            "incident_type",
            "started_at",
            "detected_at",
            "resolved_at",
            "detection_source",
            "commander",
            "commander_assigned_at",
            "pagerduty_id",
            "pagerduty_status");

    private final String name;
    private final SourceProperties.PagerDuty config;
    private final long maxFileBytes;

    PagerDutyIncidents(String name, SourceProperties.PagerDuty config, long maxFileBytes) {
        this.name = name;
        this.config = config;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public PulledDrop pull(Path folder) {
        return JsonExport.stage(
                name,
                config.path(),
                maxFileBytes,
                folder,
                RecordKind.INCIDENTS,
                HEADER,
                (incident, incidents) -> incidents.write(row(incident)));
    }

    private List<String> row(JsonNode incident) {
        String serviceId = JsonExport.text(incident, "service", "id");
        SourceProperties.Service service =
                serviceId == null ? null : config.services().get(serviceId);
        String number = JsonExport.text(incident, "incident_number");
        String created = JsonExport.text(incident, "created_at");
        JsonNode acknowledgement = incident.path("acknowledgements").path(0);
        return Arrays.asList(
                number != null ? config.incidentIdPrefix() + number : JsonExport.text(incident, "id"),
                JsonExport.text(incident, "service", "summary"),
                service == null ? null : service.dataCenter(),
                severity(incident),
                JsonExport.text(incident, "title"),
                service == null ? null : service.incidentType(),
                created,
                created,
                resolvedAt(incident),
                service != null && service.detectionSource() != null
                        ? service.detectionSource()
                        : config.detectionSource(),
                JsonExport.text(acknowledgement, "acknowledger", "summary"),
                JsonExport.text(acknowledgement, "at"),
                JsonExport.text(incident, "id"),
                JsonExport.text(incident, "status"));
    }

    /** The priority's name (P1..P5) when the account uses priorities, else the urgency (high, low). */
    private String severity(JsonNode incident) {
        for (String key : new String[] {
            JsonExport.text(incident, "priority", "summary"),
            JsonExport.text(incident, "priority", "name"),
            JsonExport.text(incident, "urgency")
        }) {
            if (key != null && config.severities().containsKey(key)) {
                return config.severities().get(key);
            }
        }
        return null;
    }

    /** {@code resolved_at} where the API gives it; older responses only date the last status change. */
    private static String resolvedAt(JsonNode incident) {
        String resolved = JsonExport.text(incident, "resolved_at");
        if (resolved == null && "resolved".equals(JsonExport.text(incident, "status"))) {
            return JsonExport.text(incident, "last_status_change_at");
        }
        return resolved;
    }
}
