package kr.compliance.sources;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

/**
 * One configured source system: its type and the section of that type. Only the section of the
 * source's type is read.
 */
public record SourceProperties(
        Type type, Jdbc jdbc, Junit junit, PagerDuty pagerduty, Statuspage statuspage, Long maxFileBytes) {

    /** The kinds of source system. */
    public enum Type {
        JDBC,
        JUNIT,
        PAGERDUTY,
        STATUSPAGE
    }

    /** Files larger than this are refused unread (XML and JSON exports): 64 MiB unless configured. */
    public long fileSizeLimit() {
        return maxFileBytes == null ? 64L << 20 : maxFileBytes;
    }

    /**
     * A database read through JDBC.
     *
     * @param url the JDBC URL (MySQL through Connector/J)
     * @param user the user, from the environment ({@code ${ITSM_DB_USER}})
     * @param password the password, from the environment only
     * @param zone the zone the database's DATETIME values are in; null: written without an offset,
     *     so the ingest reads them in {@code compliance.zones.source}
     * @param queries per record kind ({@code changes}, {@code tests}, ..., the file name without
     *     {@code .csv}), the query and its watermark column
     */
    public record Jdbc(String url, String user, String password, ZoneId zone, Map<String, Query> queries) {
        public Jdbc {
            queries = queries == null ? Map.of() : Map.copyOf(queries);
        }
    }

    /**
     * One record kind's query.
     *
     * @param sql a SELECT whose column labels are the canonical column names of docs/formats.md
     * @param watermark the label of the column that grows with every change (e.g. {@code updated_at})
     */
    public record Query(String sql, String watermark) {}

    /**
     * A folder of JUnit XML reports ({@code TEST-*.xml}).
     *
     * @param folder where the reports are
     * @param zone the zone of suite timestamps written without an offset (Gradle writes UTC); null:
     *     passed on without one, so the ingest reads them in {@code compliance.zones.source}
     * @param properties defaults for what the reports do not say: {@code change_id},
     *     {@code environment}, {@code env_parity}, {@code scope}; sidecar files override them
     */
    public record Junit(Path folder, ZoneId zone, Map<String, String> properties) {
        public Junit {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    /**
     * PagerDuty REST API v2 {@code GET /incidents} responses saved as files.
     *
     * @param path one response file, or a folder of them ({@code *.json}, one per page)
     * @param incidentIdPrefix put before {@code incident_number} to make the incident id ({@code PD-})
     * @param services per PagerDuty service id, what the export lacks
     * @param severities PagerDuty priority name ({@code P1}) or urgency ({@code high}) to severity
     * @param detectionSource how incidents of this account are detected, when no service says
     */
    public record PagerDuty(
            Path path,
            String incidentIdPrefix,
            Map<String, Service> services,
            Map<String, String> severities,
            String detectionSource) {
        public PagerDuty {
            incidentIdPrefix = incidentIdPrefix == null ? "PD-" : incidentIdPrefix;
            services = services == null ? Map.of() : Map.copyOf(services);
            severities = severities == null ? Map.of() : Map.copyOf(severities);
        }
    }

    /**
     * What a PagerDuty service stands for in the canonical records.
     *
     * @param dataCenter the data centre the service runs in
     * @param incidentType the incident type (matches runbooks)
     * @param detectionSource how its incidents are detected; null: the source's default
     */
    public record Service(String dataCenter, String incidentType, String detectionSource) {}

    /**
     * Atlassian Statuspage API v1 incident lists saved as files.
     *
     * @param path one response file, or a folder of them ({@code *.json})
     * @param incidentIdPattern a regular expression found in the incident's name (then in its
     *     updates' bodies) whose first group is the incident id of the incident tool; null, or no
     *     match: the Statuspage incident id
     */
    public record Statuspage(Path path, String incidentIdPattern) {}
}
