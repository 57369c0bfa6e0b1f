package kr.compliance.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import kr.compliance.sources.SourceProperties;
import kr.compliance.sources.SourcesProperties;
import kr.compliance.store.Zones;
import org.junit.jupiter.api.Test;

class SchedulePlansTests {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private final SchedulePlans plans = new SchedulePlans(
            new ScheduleProperties(
                    SEOUL,
                    "0 0 2 * * ?",
                    "0 0 6 1 1,4,7,10 ?",
                    List.of(Path.of("/drops/itsm"), Path.of("/drops/ci")),
                    "CP949",
                    15,
                    "ko",
                    "",
                    Duration.ofMinutes(30)),
            new SourcesProperties(Map.of(
                    "pagerduty", new SourceProperties(SourceProperties.Type.PAGERDUTY, null, null, null, null, null),
                    "itsm", new SourceProperties(SourceProperties.Type.JDBC, null, null, null, null, null))),
            new Zones(SEOUL, SEOUL));

    private static List<String> describe(List<BatchLaunch> launches) {
        return launches.stream()
                .map(l -> l.jobName() + " " + l.parameters().getString("source", "")
                        + l.parameters().getString(BatchJobs.SOURCE_SYSTEM, "")
                        + l.parameters().getString("period", ""))
                .toList();
    }

    @Test
    void nightlyEarlyInAQuarterIngestsEveryDropAndSourceThenScoresBothQuarters() {
        Instant fire = Instant.parse("2026-10-14T17:00:00Z"); // 2026-10-15 02:00 in Seoul, the 15th day
        List<BatchLaunch> launches = plans.nightly(fire);
        assertThat(describe(launches))
                .containsExactly(
                        "ingestJob /drops/itsm",
                        "ingestJob /drops/ci",
                        "ingestJob itsm",
                        "ingestJob pagerduty",
                        "scoreJob 2026Q4",
                        "scoreJob 2026Q3");
        assertThat(launches.get(0).parameters().getString("encoding")).isEqualTo("CP949");
        assertThat(launches.get(2).sourceSystem()).contains("itsm");
        assertThat(launches.get(2).parameters().getString(BatchJobs.REQUESTED_AT))
                .isEqualTo(fire.toString());
        assertThat(launches.get(4).parameters().getString("asOf")).isEqualTo(fire.toString());
    }

    @Test
    void nightlyAfterTheFirstFifteenDaysScoresOnlyTheCurrentQuarter() {
        Instant fire = Instant.parse("2026-10-15T17:00:00Z"); // 2026-10-16 02:00 in Seoul
        assertThat(describe(plans.nightly(fire)))
                .containsExactly(
                        "ingestJob /drops/itsm",
                        "ingestJob /drops/ci",
                        "ingestJob itsm",
                        "ingestJob pagerduty",
                        "scoreJob 2026Q4");
    }

    @Test
    void quarterlyScoresAndPacksTheQuarterThatEnded() {
        Instant fire = Instant.parse("2025-12-31T21:00:00Z"); // 2026-01-01 06:00 in Seoul
        List<BatchLaunch> launches = plans.quarterly(fire);
        assertThat(describe(launches)).containsExactly("scoreJob 2025Q4", "packJob 2025Q4");
        assertThat(launches.get(1).parameters().getString("lang")).isEqualTo("ko");
        assertThat(launches.get(1).parameters().getString("outDir")).isNull();
    }

    @Test
    void aBatchPlanMapsTheJobDataToIdentifyingParameters() {
        Instant fire = Instant.parse("2026-08-01T00:00:00Z");
        BatchLaunch launch = plans.launches(
                        SchedulePlans.Plan.BATCH,
                        fire,
                        Map.of(SchedulePlans.PLAN, "BATCH", SchedulePlans.BATCH_JOB, "probeJob", "probe", "p1"))
                .getFirst();
        assertThat(launch.jobName()).isEqualTo("probeJob");
        assertThat(launch.parameters().getString("probe")).isEqualTo("p1");
        assertThat(launch.parameters().getString(BatchJobs.REQUESTED_AT)).isEqualTo(fire.toString());
        assertThat(launch.parameters().getParameter(SchedulePlans.PLAN)).isNull();
    }
}
