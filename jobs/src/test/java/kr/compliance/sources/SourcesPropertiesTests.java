package kr.compliance.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The configuration of docs/sources.md binds as written: map keys keep their case and underscores. */
class SourcesPropertiesTests {

    @Test
    void sourcesBindWithTheirMappingsAsWritten() {
        var properties = new MapConfigurationPropertySource(Map.of(
                "compliance.sources.ci.type", "junit",
                "compliance.sources.ci.junit.folder", "/ci/reports",
                "compliance.sources.ci.junit.properties.change_id", "CHG-7",
                "compliance.sources.pagerduty.type", "pagerduty",
                "compliance.sources.pagerduty.max-file-bytes", "1000",
                "compliance.sources.pagerduty.pagerduty.services.PSVC0A1.data-center", "DC-A",
                "compliance.sources.pagerduty.pagerduty.severities.P1", "SEV1",
                "compliance.sources.itsm.type", "jdbc",
                "compliance.sources.itsm.jdbc.queries.action_items.watermark", "updated_at"));

        SourcesProperties sources = new Binder(properties)
                .bind("compliance", SourcesProperties.class)
                .get();

        assertThat(sources.sources()).containsOnlyKeys("ci", "itsm", "pagerduty");
        SourceProperties ci = sources.sources().get("ci");
        assertThat(ci.type()).isEqualTo(SourceProperties.Type.JUNIT);
        assertThat(ci.junit().folder()).isEqualTo(Path.of("/ci/reports"));
        assertThat(ci.junit().properties()).containsEntry("change_id", "CHG-7");
        SourceProperties pagerduty = sources.sources().get("pagerduty");
        assertThat(pagerduty.fileSizeLimit()).isEqualTo(1000);
        assertThat(pagerduty.pagerduty().services().get("PSVC0A1").dataCenter()).isEqualTo("DC-A");
        assertThat(pagerduty.pagerduty().severities()).containsEntry("P1", "SEV1");
        assertThat(pagerduty.pagerduty().incidentIdPrefix()).isEqualTo("PD-");
        assertThat(sources.sources().get("itsm").jdbc().queries()).containsKey("action_items");
    }
}
