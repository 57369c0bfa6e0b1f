package kr.compliance.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import kr.compliance.ingest.IngestService;
import kr.compliance.ingest.LateEvidence;
import kr.compliance.results.DiffCsv;
import kr.compliance.results.FindingChange;
import kr.compliance.results.Restatement;
import kr.compliance.results.RunDiff;
import kr.compliance.results.RunDiffs;
import kr.compliance.results.RunNotFoundException;
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
import org.springframework.core.io.FileSystemResource;

/**
 * Late evidence after a run, and what the diff says about it: the three outages scored, then a
 * late passing pre-test, a revised change and a changed threshold, each scored again. Every change
 * of a finding names its cause: the revision with its load, file and line, or the policy's keys.
 */
@SpringBootTest
class RestatementIntegrationTests {

    static final Quarter Q3 = Quarter.parse("2026Q3");
    static final Instant AS_OF = Instant.parse("2026-10-05T00:00:00Z");

    @Autowired
    IngestService ingest;

    @Autowired
    ScoringService scoring;

    @Autowired
    RunDiffs diffs;

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

    @Autowired
    Zones zones;

    long first;

    @BeforeEach
    void scoreTheThreeOutages() throws IOException {
        EvidenceTables.clear(dsl);
        ingest.ingest(Path.of("src/main/resources/sample-drop"), null, Duration.ZERO);
        first = scoring.score(Q3, AS_OF, Duration.ZERO).runId();
    }

    @Test
    void aLatePassingPreTestIsTheCauseOfExactlyTheFindingsItChanged() throws IOException {
        LateEvidence.load(ingest, "tests.csv", LateEvidence.PASSING_PRETEST_OF_CHG_101);
        long second = scoring.score(Q3, AS_OF, Duration.ZERO).runId();

        RunDiff diff = diffs.diff(Q3, first, second);
        List<FindingChange> changes = changes(diff);

        FindingChange pretest = change(changes, "R1.1", "CHG-101");
        assertThat(pretest.statusBefore()).isEqualTo("FAIL");
        assertThat(pretest.statusAfter()).isEqualTo("PASS");
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.subjectId()).isEqualTo("CHG-101");
            assertThat(change.revisions())
                    .extracting(Object::toString)
                    .containsExactly("TEST T-901 revision 1 (load " + lastLoad() + ", tests.csv line 2)");
        });
        assertThat(diff.policyKeysChanged()).isEmpty();
        assertThat(diff.asOfChanged()).isFalse();
        assertThat(diff.loadsBetween()).extracting(RunDiff.Load::file).containsExactly("tests.csv");
        Restatement r1 = diff.requirements().getFirst();
        assertThat(r1.requirement()).isEqualTo("R1");
        assertThat(r1.reported()).isEqualByComparingTo("66.7");
        assertThat(r1.restated()).isGreaterThan(r1.reported());
        assertThat(r1.adjustment()).isEqualByComparingTo(r1.restated().subtract(r1.reported()));
        assertThat(diff.requirements().get(1).adjustment())
                .as("R2 is untouched")
                .isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void aRevisedChangeRecordIsNamedWithItsRevisionLoadFileAndLine() throws IOException {
        String changes = Files.readString(Path.of("src/main/resources/sample-drop/changes.csv"));
        String header = changes.lines().findFirst().orElseThrow();
        // CHG-103 moved to another data centre: no incident of its own was open there
        String revised = changes.lines()
                .filter(line -> line.startsWith("CHG-103,"))
                .findFirst()
                .orElseThrow()
                .replace("DC-Pangyo", "DC-ANSAN");
        LateEvidence.load(ingest, "changes.csv", header + "\n" + revised + "\n");
        long second = scoring.score(Q3, AS_OF, Duration.ZERO).runId();

        RunDiff diff = diffs.diff(Q3, first, second);
        FindingChange freeze = change(changes(diff), "R2.3", "CHG-103");

        assertThat(freeze.statusBefore()).isEqualTo("FAIL");
        assertThat(freeze.statusAfter()).isEqualTo("PASS");
        assertThat(freeze.revisions())
                .extracting(Object::toString)
                .containsExactly("CHANGE CHG-103 revision 2 (load " + lastLoad() + ", changes.csv line 2)");
    }

    @Test
    void aChangedThresholdIsTheCauseAndAReusedVersionWithOtherContentIsRefused() throws IOException {
        String policy = Files.readString(Path.of("src/main/resources/policy/default-policy.yml"));
        String lenient = policy.replace("version: \"2026.1\"", "version: \"2026.1-parity60\"")
                .replace("min-parity: 0.90", "min-parity: 0.60");
        long second = scoringWith(lenient).score(Q3, AS_OF, Duration.ZERO).runId();

        RunDiff diff = diffs.diff(Q3, first, second);
        FindingChange parity = change(changes(diff), "R1.2", "CHG-102");

        assertThat(parity.statusBefore()).isEqualTo("FAIL");
        assertThat(parity.statusAfter()).isEqualTo("PASS");
        assertThat(parity.revisions()).isEmpty();
        assertThat(diff.policyKeysChanged()).containsExactly("r1.min-parity");
        assertThat(DiffCsv.cause(diff, parity)).isEqualTo("policy 2026.1 -> 2026.1-parity60 (r1.min-parity)");

        String sameVersionOtherContent = policy.replace("min-parity: 0.90", "min-parity: 0.85");
        assertThatThrownBy(() -> scoringWith(sameVersionOtherContent).score(Q3, AS_OF, Duration.ZERO))
                .isInstanceOf(ScoringFailedException.class)
                .hasMessage("policy version 2026.1 was already used with other content (keys that differ:"
                        + " r1.min-parity); give the changed policy a new version");
    }

    @Test
    void theCsvHasOneRowPerChangedFindingWithItsCause() throws IOException {
        LateEvidence.load(ingest, "tests.csv", LateEvidence.PASSING_PRETEST_OF_CHG_101);
        long second = scoring.score(Q3, AS_OF, Duration.ZERO).runId();
        RunDiff diff = diffs.diff(Q3, first, second);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rows = DiffCsv.write(diffs, diff, out);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst())
                .isEqualTo("\uFEFFcontrol_id,subject_type,subject_id,status_before,status_after,reason_before,"
                        + "reason_after,cause");
        assertThat(lines)
                .hasSize((int) rows + 1)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("R1.1,CHANGE,CHG-101,FAIL,PASS,")
                        .endsWith(",\"TEST T-901 revision 1 (load " + lastLoad() + ", tests.csv line 2)\""));
    }

    @Test
    void withoutASubmissionTheEarlierRunMustBeNamed() {
        assertThatThrownBy(() -> diffs.diff(Q3, null, null))
                .isInstanceOf(RunNotFoundException.class)
                .hasMessage("2026Q3 has no submission to compare with: name the earlier run (--from, ?from=)");
    }

    private ScoringService scoringWith(String policy) throws IOException {
        Files.createDirectories(Path.of("target"));
        Path file = Files.writeString(Files.createTempFile(Path.of("target"), "policy-", ".yml"), policy);
        return new ScoringService(
                jobOperator, jobRepository, scoreJob, runs, dataSource, dsl, new FileSystemResource(file), zones);
    }

    private List<FindingChange> changes(RunDiff diff) {
        List<FindingChange> changes = new ArrayList<>();
        diffs.eachChange(diff, changes::add);
        return changes;
    }

    private static FindingChange change(List<FindingChange> changes, String control, String subject) {
        return changes.stream()
                .filter(c -> c.controlId().equals(control) && c.subjectId().equals(subject))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no change of " + control + " " + subject + " in " + changes));
    }

    private long lastLoad() {
        return dsl.select(org.jooq.impl.DSL.max(kr.compliance.store.jooq.Tables.INGEST_LOAD.LOAD_ID))
                .from(kr.compliance.store.jooq.Tables.INGEST_LOAD)
                .fetchOne(0, Long.class);
    }
}
