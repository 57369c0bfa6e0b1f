package kr.compliance.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentExportsTests {

    private static final long LIMIT = 1 << 20;

    static final SourceProperties.PagerDuty PAGERDUTY = new SourceProperties.PagerDuty(
            Path.of("src/test/resources/sources/pagerduty"),
            null,
            Map.of(
                    "PSVC0A1", new SourceProperties.Service("DC-A", "MESSAGING_DELAY", null),
                    "PSVC0B2", new SourceProperties.Service("DC-B", "LOGIN_FAILURE", "USER_REPORT")),
            Map.of("P1", "SEV1", "P2", "SEV2", "high", "SEV2", "low", "SEV4"),
            "MONITORING");

    @TempDir
    Path staged;

    @Test
    void pagerDutyIncidentsCarryTheirTimesAndTheConfiguredMapping() throws IOException {
        PulledDrop drop = new PagerDutyIncidents("pagerduty", PAGERDUTY, LIMIT).pull(staged);

        assertThat(drop.rows()).containsEntry("incidents.csv", 3L);
        List<Map<String, String>> rows = StagedDrop.rows(staged.resolve("incidents.csv"));
        assertThat(rows.get(0))
                .containsEntry("incident_id", "PD-1042")
                .containsEntry("service", "talk-messaging")
                .containsEntry("data_center", "DC-A")
                // the priority outranks the urgency
                .containsEntry("severity", "SEV1")
                .containsEntry("title", "메시지 전송 지연 (DC-A)")
                .containsEntry("incident_type", "MESSAGING_DELAY")
                .containsEntry("started_at", "2026-07-15T06:12:30Z")
                .containsEntry("detected_at", "2026-07-15T06:12:30Z")
                .containsEntry("resolved_at", "2026-07-15T08:40:00Z")
                .containsEntry("detection_source", "MONITORING")
                .containsEntry("commander", "");
        assertThat(rows.get(1))
                .containsEntry("incident_id", "PD-1043")
                .containsEntry("severity", "SEV4")
                .containsEntry("detection_source", "USER_REPORT")
                .containsEntry("resolved_at", "")
                .containsEntry("commander", "김민수")
                .containsEntry("commander_assigned_at", "2026-07-20T01:04:10Z");
        // an unmapped service: no data centre is guessed; older responses without resolved_at
        assertThat(rows.get(2))
                .containsEntry("data_center", "")
                .containsEntry("incident_type", "")
                .containsEntry("resolved_at", "2026-07-21T03:30:00Z");
    }

    @Test
    void statuspageUpdatesAreNoticesInTheOrderTheyWerePublished() throws IOException {
        PulledDrop drop = new StatuspageNotices(
                        "statuspage",
                        new SourceProperties.Statuspage(
                                Path.of("src/test/resources/sources/statuspage"), "\\[(PD-\\d+)]"),
                        LIMIT)
                .pull(staged);

        assertThat(drop.rows()).containsEntry("notifications.csv", 4L);
        List<Map<String, String>> rows = StagedDrop.rows(staged.resolve("notifications.csv"));
        assertThat(rows)
                .extracting(
                        row -> row.get("notification_id"),
                        row -> row.get("incident_id"),
                        row -> row.get("kind"),
                        row -> row.get("published_at"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "upd1investigate", "PD-1042", "INITIAL", "2026-07-15T15:20:00.000+09:00"),
                        org.assertj.core.groups.Tuple.tuple(
                                "upd2monitor", "PD-1042", "UPDATE", "2026-07-15T16:31:00.000+09:00"),
                        org.assertj.core.groups.Tuple.tuple(
                                "upd3resolved", "PD-1042", "RESOLVED", "2026-07-15T17:45:00.000+09:00"),
                        // no id in its name or updates: the Statuspage incident's own id
                        org.assertj.core.groups.Tuple.tuple(
                                "upd5investigate", "k7qm3ngl0rb2", "INITIAL", "2026-07-20T10:05:00.000+09:00"));
        assertThat(rows.get(0))
                .containsEntry("channel", "STATUS_PAGE")
                .containsEntry("url", "http://stspg.io/p31zjtct2jer");
    }

    @Test
    void aTruncatedExportIsRefusedWithItsNameAndPosition() throws IOException {
        Path export = Files.createDirectories(staged.resolve("export"));
        Files.writeString(
                export.resolve("incidents-offset-25.json"),
                "{\n  \"incidents\": [\n    {\"id\": \"Q1\", \"incident_number\": 1,\n",
                StandardCharsets.UTF_8);
        Path out = Files.createDirectories(staged.resolve("out"));
        var config = new SourceProperties.PagerDuty(export, null, Map.of(), Map.of(), null);

        assertThatThrownBy(() -> new PagerDutyIncidents("pagerduty", config, LIMIT).pull(out))
                .isInstanceOf(SourceFailedException.class)
                .hasMessageContaining("source 'pagerduty' failed: incidents-offset-25.json is refused at line 4");
    }

    @Test
    void aResponseWithoutAnIncidentListIsRefused() throws IOException {
        Path export = Files.writeString(
                staged.resolve("error.json"), "{\"error\": {\"message\": \"Unauthorized\", \"code\": 2006}}");
        Path out = Files.createDirectories(staged.resolve("out"));
        var config = new SourceProperties.Statuspage(export, null);

        assertThatThrownBy(() -> new StatuspageNotices("statuspage", config, LIMIT).pull(out))
                .isInstanceOf(SourceFailedException.class)
                .hasMessageContaining("error.json is refused")
                .hasMessageContaining("no \"incidents\" array");
    }
}
