package kr.compliance.sources;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import kr.compliance.ingest.RecordKind;
import tools.jackson.databind.JsonNode;

/**
 * Atlassian Statuspage API v1 incidents ({@code GET /v1/pages/{page_id}/incidents}, or the public
 * page's {@code /api/v2/incidents.json}) as notifications: every incident update is one notice on
 * the status page. The earliest update is the {@code INITIAL} notice, an update with status
 * {@code resolved} the {@code RESOLVED} one, the rest {@code UPDATE}s; it was published at its
 * {@code display_at} (the time the page shows), else its {@code created_at}.
 */
final class StatuspageNotices implements SourceSystem {

    private static final List<String> HEADER = List.of(
            "notification_id",
            "incident_id",
            "channel",
            "kind",
            "published_at",
            "url",
            "statuspage_incident_id",
            "statuspage_status");

    private final String name;
    private final SourceProperties.Statuspage config;
    private final long maxFileBytes;
    private final Pattern incidentIdPattern;

    StatuspageNotices(String name, SourceProperties.Statuspage config, long maxFileBytes) {
        this.name = name;
        this.config = config;
        this.maxFileBytes = maxFileBytes;
        try {
            this.incidentIdPattern =
                    config.incidentIdPattern() == null ? null : Pattern.compile(config.incidentIdPattern());
        } catch (PatternSyntaxException e) {
            throw new SourceFailedException(
                    name, "its incident-id-pattern is no regular expression: " + e.getMessage());
        }
    }

    @Override
    public PulledDrop pull(Path folder) {
        return JsonExport.stage(
                name, config.path(), maxFileBytes, folder, RecordKind.NOTIFICATIONS, HEADER, this::write);
    }

    private void write(JsonNode incident, DropFile notifications) {
        List<JsonNode> updates = new ArrayList<>();
        incident.path("incident_updates").forEach(updates::add);
        // the API lists the newest first
        updates.sort(
                Comparator.comparing(update -> createdAt(update), Comparator.nullsLast(Comparator.naturalOrder())));
        String incidentId = incidentId(incident, updates);
        for (int i = 0; i < updates.size(); i++) {
            JsonNode update = updates.get(i);
            String status = JsonExport.text(update, "status");
            String displayed = JsonExport.text(update, "display_at");
            notifications.write(Arrays.asList(
                    JsonExport.text(update, "id"),
                    incidentId,
                    "STATUS_PAGE",
                    "resolved".equals(status) ? "RESOLVED" : i == 0 ? "INITIAL" : "UPDATE",
                    displayed != null ? displayed : JsonExport.text(update, "created_at"),
                    JsonExport.text(incident, "shortlink"),
                    JsonExport.text(incident, "id"),
                    status));
        }
    }

    /** When the update was written; null when it says nothing readable (the ingest then rejects its row). */
    private static Instant createdAt(JsonNode update) {
        String created = JsonExport.text(update, "created_at");
        try {
            return created == null ? null : OffsetDateTime.parse(created).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The incident tool's id found by the configured pattern in the incident's name, then in its
     * updates' bodies (operators write it there, e.g. "[PD-1234]"); else the Statuspage incident id.
     */
    private String incidentId(JsonNode incident, List<JsonNode> updates) {
        if (incidentIdPattern != null) {
            List<String> texts = new ArrayList<>();
            texts.add(JsonExport.text(incident, "name"));
            updates.forEach(update -> texts.add(JsonExport.text(update, "body")));
            for (String text : texts) {
                Matcher matcher = text == null ? null : incidentIdPattern.matcher(text);
                if (matcher != null && matcher.find()) {
                    return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
                }
            }
        }
        return JsonExport.text(incident, "id");
    }
}
