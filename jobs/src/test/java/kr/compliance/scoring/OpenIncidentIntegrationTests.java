package kr.compliance.scoring;

import static kr.compliance.store.jooq.Tables.FINDING;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import kr.compliance.ingest.IngestService;
import kr.compliance.scoring.policy.Policy;
import kr.compliance.scoring.policy.PolicyFile;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.Quarter;
import kr.compliance.store.Zones;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ByteArrayResource;

/**
 * R2.3's open-incident search and the as-of cut, which live in SQL: each change is placed against
 * a freeze incident's half-open interval, on its own or another data centre, under both freeze
 * policies.
 */
@SpringBootTest
class OpenIncidentIntegrationTests {

    static final Quarter Q3 = Quarter.parse("2026Q3");
    static final Instant AS_OF = Instant.parse("2026-10-05T00:00:00Z");

    @Autowired
    Zones zones;

    @Autowired
    IngestService ingest;

    @Autowired
    ScoringService scoring;

    @Autowired
    DSLContext dsl;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    Job scoreJob;

    @Autowired
    ScoringRuns runs;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void load() throws IOException {
        Path drop = EvidenceTables.clearWithFreshDrop(dsl);
        Files.writeString(drop.resolve("incidents.csv"), """
                incident_id,service,data_center,severity,incident_type,started_at,detected_at,resolved_at,closed_at,detection_source
                INC-X,talk,DC-A,SEV2,NET,2026-08-01T10:00+09:00,2026-08-01T10:01+09:00,2026-08-01T11:00+09:00,,MONITORING
                INC-Y,talk,DC-B,SEV3,NET,2026-08-01T10:00+09:00,2026-08-01T10:01+09:00,,,MONITORING
                INC-Z,talk,DC-C,SEV1,NET,2026-08-01T10:00+09:00,2026-08-01T10:01+09:00,2026-08-01T10:30+09:00,2026-08-01T12:00+09:00,MONITORING
                INC-W,talk,DC-D,SEV1,NET,2026-08-01T10:00+09:00,2026-08-01T10:01+09:00,,,MONITORING
                INC-V,talk,DC-E,SEV2,NET,2026-08-01T10:00+09:00,2026-08-01T10:01+09:00,2026-08-01T10:30+09:00,2026-10-10T00:00+09:00,MONITORING
                """);
        Files.writeString(drop.resolve("changes.csv"), """
                change_id,service,data_center,change_type,scale,requested_by,approved_by,approved_at,started_at
                C01,talk,DC-A,CONFIG,MINOR,kim,,,2026-08-01T09:59:59+09:00
                C02,talk,DC-A,CONFIG,MINOR,kim,,,2026-08-01T10:00+09:00
                C03,talk,DC-A,CONFIG,MINOR,kim,,,2026-08-01T10:59:59+09:00
                C04,talk,DC-A,CONFIG,MINOR,kim,,,2026-08-01T11:00+09:00
                C05,talk, dc-a ,CONFIG,MINOR,kim,,,2026-08-01T10:30+09:00
                C06,talk,DC-B,CONFIG,MINOR,kim,,,2026-08-01T10:30+09:00
                C07,talk,DC-A,EMERGENCY,MINOR,kim,lee,2026-08-01T10:40+09:00,2026-08-01T10:30+09:00
                C08,talk,DC-C,CONFIG,MINOR,kim,,,2026-08-01T11:00+09:00
                C09,talk,DC-C,CONFIG,MINOR,kim,,,2026-08-01T12:00+09:00
                C10,talk,DC-D,CONFIG,MINOR,kim,,,2026-09-30T12:00+09:00
                C11,talk,DC-E,CONFIG,MINOR,kim,,,2026-08-01T11:00+09:00
                C12,talk,DC-F,CONFIG,MAJOR,kim,lee,2026-10-06T10:00+09:00,2026-09-01T10:00+09:00
                """);
        ingest.ingest(drop, null, Duration.ZERO);
    }

    private Map<String, String> r23(long runId) {
        return dsl
                .select(FINDING.SUBJECT_ID, FINDING.STATUS)
                .from(FINDING)
                .where(FINDING.RUN_ID.eq(runId), FINDING.CONTROL_ID.eq("R2.3"))
                .fetch()
                .stream()
                .collect(Collectors.toMap(r -> r.value1(), r -> r.value2()));
    }

    @Test
    void aChangeFailsWhileAFreezeIncidentIsOpenOnItsDataCentre() {
        Map<String, String> status = r23(scoring.score(Q3, AS_OF, Duration.ZERO).runId());

        assertThat(status)
                .containsEntry("C01", "PASS") // a second before the incident started
                .containsEntry("C02", "FAIL") // exactly at its start: [start, end)
                .containsEntry("C03", "FAIL")
                .containsEntry("C04", "PASS") // at resolved_at, the fallback end
                .containsEntry("C05", "FAIL") // data centres compare trimmed, case-insensitively
                .containsEntry("C06", "PASS") // SEV3 does not freeze
                .containsEntry("C08", "FAIL") // closed_at, when given, is the end
                .containsEntry("C09", "PASS")
                .containsEntry("C10", "FAIL") // neither resolved nor closed: open still
                .containsEntry("C11", "PASS") // closing after as-of is absent: resolved_at ends it
                .doesNotContainKey("C07"); // EMERGENCY
    }

    @Test
    void underTheClosedPolicyOnlyClosingEndsTheFreeze() {
        Policy closedOnly = PolicyFile.parse(
                ScoringRulesTests.POLICY
                        .content()
                        .replace("version: \"2026.1\"", "version: \"closed-only\"")
                        .replace("freeze-until: CLOSED_OR_RESOLVED", "freeze-until: CLOSED"),
                "closed-only");
        ScoringService strict = new ScoringService(
                jobOperator,
                jobRepository,
                scoreJob,
                runs,
                dataSource,
                dsl,
                new ByteArrayResource(closedOnly.content().getBytes()),
                zones);

        Map<String, String> status = r23(strict.score(Q3, AS_OF, Duration.ZERO).runId());

        assertThat(status)
                .containsEntry("C04", "FAIL")
                .containsEntry("C09", "PASS")
                .containsEntry("C11", "FAIL");
    }

    @Test
    void anApprovalDatedAfterAsOfHasNotHappened() {
        long runId = scoring.score(Q3, AS_OF, Duration.ZERO).runId();
        assertThat(dsl.select(FINDING.STATUS, FINDING.REASON)
                        .from(FINDING)
                        .where(FINDING.RUN_ID.eq(runId), FINDING.CONTROL_ID.eq("R2.1"), FINDING.SUBJECT_ID.eq("C12"))
                        .fetchSingle()
                        .value2())
                .startsWith("no approval recorded");

        long later = scoring.score(Q3, Instant.parse("2026-10-07T00:00:00Z"), Duration.ZERO)
                .runId();
        assertThat(dsl.select(FINDING.REASON)
                        .from(FINDING)
                        .where(FINDING.RUN_ID.eq(later), FINDING.CONTROL_ID.eq("R2.1"), FINDING.SUBJECT_ID.eq("C12"))
                        .fetchSingle()
                        .value1())
                .startsWith("approved by lee at 2026-10-06T10:00+09:00");
    }

    @Test
    void changesThatStartAfterAsOfAreNotJudgedYet() {
        long runId = scoring.score(Q3, Instant.parse("2026-08-15T00:00:00Z"), Duration.ZERO)
                .runId();
        assertThat(r23(runId)).doesNotContainKey("C10").containsKey("C02");
    }
}
