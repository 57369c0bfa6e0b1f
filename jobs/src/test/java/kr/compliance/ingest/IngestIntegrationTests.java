package kr.compliance.ingest;

import static kr.compliance.store.jooq.Tables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import kr.compliance.store.AdvisoryLock;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.KeyPartition;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class IngestIntegrationTests {

    static final String CHANGES_HEADER = "change_id,service,data_center,change_type,scale,destructive,summary,"
            + "requested_by,approved_by,approved_at,window_start,window_end,started_at,ended_at,outcome,rollback_plan\n";

    @Autowired
    IngestService ingest;

    @Autowired
    DSLContext dsl;

    @Autowired
    DataSource dataSource;

    @Autowired
    JobRepository jobRepository;

    Path drop;

    @BeforeEach
    void emptyStoreAndFreshDrop() throws IOException {
        drop = EvidenceTables.clearWithFreshDrop(dsl);
    }

    IngestSummary load() {
        return ingest.ingest(drop, null, Duration.ZERO);
    }

    void write(String file, String content) throws IOException {
        Files.writeString(drop.resolve(file), content, StandardCharsets.UTF_8);
    }

    @Test
    void readsEverySpellingTheFormatAllows() throws IOException {
        write(
                "changes.csv",
                "\uFEFF" + CHANGES_HEADER
                        + "  CHG-1 ,톡,dc-a,update,major,YES,\"파일 갱신, \"\"전체\"\"\n둘째 줄\",kim,lee,"
                        + "2026-07-01T09:00+09:00,,,2026-07-01T10:00,,success,\n"
                        + "CHG-2,talk,DC-B,System_Replacement,MINOR,n,,kim,,,,,2026-07-02T01:00:00Z,,,\n"
                        + "CHG-3,talk,DC-B,NEW_SERVICE,Minor,0,,kim,,,,,2026-07-02T10:00:00.123456-01:00,,Rolled_Back,\n"
                        + "CHG-4,talk,DC-B,config,MINOR,,,kim,,,,,2026-07-03T10:00:59,,,\n");

        IngestSummary summary = load();

        assertThat(summary.totals()).isEqualTo(new LoadCounts(4, 4, 0, 0, 0));
        var first = dsl.selectFrom(CHANGE_RECORD)
                .where(CHANGE_RECORD.CHANGE_ID.eq("CHG-1"))
                .fetchSingle();
        assertThat(first.getChangeType()).isEqualTo("UPDATE");
        assertThat(first.getScale()).isEqualTo("MAJOR");
        assertThat(first.getDestructive()).isTrue();
        assertThat(first.getService()).isEqualTo("톡");
        assertThat(first.getDataCenter()).isEqualTo("dc-a");
        assertThat(first.getDataCenterKey()).isEqualTo("DC-A");
        assertThat(first.getSummary()).isEqualTo("파일 갱신, \"전체\"\n둘째 줄");
        assertThat(first.getOutcome()).isEqualTo("SUCCESS");
        // no offset: read in the source zone, Asia/Seoul
        assertThat(first.getStartedAt()).isEqualTo(Instant.parse("2026-07-01T01:00:00Z"));
        assertThat(first.getApprovedAt()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
        assertThat(first.getSourceLine()).isEqualTo(2);
        assertThat(first.getRevision()).isEqualTo(1);
        assertThat(first.getSupersededByLoad()).isNull();
        // the quoted line break makes CHG-2 start on line 4
        assertThat(lineOf("CHG-2")).isEqualTo(4);
        var replacement = dsl.selectFrom(CHANGE_RECORD)
                .where(CHANGE_RECORD.CHANGE_ID.eq("CHG-2"))
                .fetchSingle();
        assertThat(replacement.getChangeType()).isEqualTo("SYSTEM_REPLACEMENT");
        assertThat(replacement.getDestructive()).isFalse();
        assertThat(replacement.getStartedAt()).isEqualTo(Instant.parse("2026-07-02T01:00:00Z"));
        var third = dsl.selectFrom(CHANGE_RECORD)
                .where(CHANGE_RECORD.CHANGE_ID.eq("CHG-3"))
                .fetchSingle();
        assertThat(third.getStartedAt()).isEqualTo(Instant.parse("2026-07-02T11:00:00.123456Z"));
        assertThat(third.getOutcome()).isEqualTo("ROLLED_BACK");
        // an empty boolean takes the format's default
        assertThat(dsl.fetchValue(CHANGE_RECORD.DESTRUCTIVE, CHANGE_RECORD.CHANGE_ID.eq("CHG-4")))
                .isFalse();
    }

    private List<String> rejectionReasonsByLine() {
        return dsl.select(REJECTED_RECORD.REASON)
                .from(REJECTED_RECORD)
                .orderBy(REJECTED_RECORD.LINE_NO)
                .fetch(REJECTED_RECORD.REASON);
    }

    private long lineOf(String changeId) {
        return dsl.fetchValue(CHANGE_RECORD.SOURCE_LINE, CHANGE_RECORD.CHANGE_ID.eq(changeId));
    }

    @Test
    void rejectsBadRowsWithEveryProblemAndLoadsTheRest() throws IOException {
        write(
                "changes.csv",
                CHANGES_HEADER
                        + "CHG-1,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n"
                        + "CHG-2,talk,DC-A,REFACTOR,HUGE,maybe,,kim,,2026-07-01,,,2026-07-01T10:00+09:00,,,\n"
                        + "CHG-3,talk,DC-A,UPDATE,MAJOR,,,   ,,,,,2026-07-01T10:00+09:00,,,\n"
                        + "CHG-4,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01 10:00,,,\n");
        write(
                "tests.csv",
                "test_run_id,change_id,environment,env_parity,scope,started_at,finished_at,result,tests_total,tests_failed\n"
                        + "T-1,CHG-1,staging,1.01,UNIT,2026-06-30T10:00+09:00,2026-06-30T11:00+09:00,PASSED,10,-1\n"
                        + "T-2,CHG-1,staging,abc,UNIT,2026-06-30T10:00+09:00,2026-06-30T11:00+09:00,PASSED,x,0\n"
                        + "T-3,CHG-1,staging,0.9,UNIT,2026-06-30T10:00+09:00,2026-06-30T11:00+09:00,PASSED,3,0\n");

        IngestSummary summary = load();

        assertThat(summary.totals()).isEqualTo(new LoadCounts(7, 2, 0, 0, 5));
        var rejections = dsl.selectFrom(REJECTED_RECORD)
                .orderBy(REJECTED_RECORD.FILE_NAME, REJECTED_RECORD.LINE_NO)
                .fetch();
        assertThat(rejections).hasSize(5);
        var unknownEnum = rejections.get(0);
        assertThat(unknownEnum.getFileName()).isEqualTo("changes.csv");
        assertThat(unknownEnum.getLineNo()).isEqualTo(3);
        assertThat(unknownEnum.getColumnName()).isEqualTo("change_type");
        assertThat(unknownEnum.getReason())
                .contains("change_type: 'REFACTOR' is not one of UPDATE")
                .contains("scale: 'HUGE'")
                .contains("destructive: 'maybe' is not a boolean")
                .contains("approved_at: '2026-07-01' is not a timestamp");
        assertThat(unknownEnum.getRawRecord()).startsWith("CHG-2,talk,DC-A,REFACTOR,HUGE,maybe");
        assertThat(unknownEnum.getReferenceTime()).isEqualTo(Instant.parse("2026-07-01T01:00:00Z"));
        assertThat(rejections.get(1).getColumnName()).isEqualTo("requested_by");
        assertThat(rejections.get(1).getReason()).contains("blank");
        assertThat(rejections.get(2).getColumnName()).isEqualTo("started_at");
        assertThat(rejections.get(2).getReferenceTime()).isNull();
        assertThat(rejections.get(3).getReason())
                .contains("env_parity: 1.01 is outside 0..1")
                .contains("tests_failed: -1 is negative");
        assertThat(rejections.get(4).getReason())
                .contains("env_parity: 'abc' is not a decimal")
                .contains("tests_total: 'x' is not a whole number");
        assertThat(dsl.fetchValue(TEST_RUN.ENV_PARITY, TEST_RUN.TEST_RUN_ID.eq("T-3")))
                .isEqualByComparingTo(new BigDecimal("0.9"));
    }

    @Test
    void rejectsATimestampOutsideTheYearsTheStoreKeepsInsteadOfFailingTheLoad() throws IOException {
        write(
                "changes.csv",
                CHANGES_HEADER
                        + "CHG-1,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n"
                        + "CHG-2,talk,DC-A,UPDATE,MAJOR,,,kim,,0999-12-31T10:00Z,,,2026-07-01T10:00+09:00,,,\n"
                        + "CHG-3,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,9999-12-31T23:00-05:00,,\n");

        assertThat(load().totals()).isEqualTo(new LoadCounts(3, 1, 0, 0, 2));
        assertThat(rejectionReasonsByLine())
                .containsExactly(
                        "approved_at: '0999-12-31T10:00Z' is outside the years 1000 to 9999 (UTC) the store keeps",
                        "ended_at: '9999-12-31T23:00-05:00' is outside the years 1000 to 9999 (UTC) the store keeps");
    }

    @Test
    void rejectsTextLongerThanItsColumnInsteadOfCuttingItShort() throws IOException {
        String rest = ",DC-A,UPDATE,MAJOR,,%s,kim,,,,,2026-07-01T10:00+09:00,,,\n";
        write(
                "changes.csv",
                CHANGES_HEADER
                        + "CHG-1," + "가".repeat(255) + rest.formatted("")
                        + "CHG-2," + "s".repeat(256) + rest.formatted("")
                        + "CHG-3,talk" + rest.formatted("점".repeat(21_845))
                        + "CHG-4,talk" + rest.formatted("점".repeat(21_846)));

        assertThat(load().totals()).isEqualTo(new LoadCounts(4, 2, 0, 0, 2));
        assertThat(dsl.fetchValue(CHANGE_RECORD.SERVICE, CHANGE_RECORD.CHANGE_ID.eq("CHG-1")))
                .isEqualTo("가".repeat(255));
        assertThat(dsl.fetchValue(CHANGE_RECORD.SUMMARY, CHANGE_RECORD.CHANGE_ID.eq("CHG-3")))
                .hasSize(21_845);
        assertThat(rejectionReasonsByLine())
                .containsExactly(
                        "service: 256 characters, longer than the 255 the store keeps",
                        "summary: 65538 bytes in UTF-8, longer than the 65535 the store keeps");
    }

    @Test
    void failsTheLoadWhenTheDatabaseWouldStoreAValueAltered() throws IOException {
        // a store whose column is narrower than this build's: the parser's limit does not hold
        dsl.execute("ALTER TABLE change_record MODIFY service VARCHAR(5) NOT NULL");
        try {
            write(
                    "changes.csv",
                    CHANGES_HEADER + "CHG-1,talk-platform,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n");

            assertThatThrownBy(this::load)
                    .isInstanceOf(IngestFailedException.class)
                    .hasMessageContaining("the database altered a value as it stored it")
                    .hasMessageContaining("service");
            assertThat(dsl.fetchCount(CHANGE_RECORD)).isZero();
        } finally {
            dsl.execute("ALTER TABLE change_record MODIFY service VARCHAR(255) NOT NULL");
        }
    }

    @Test
    void aLoadTheDatabaseFailedToCompleteIsCompletedByTheSameIngestAgain() throws IOException {
        // as when the database dies after a file's rows are all stored and before its load is
        // completed: scores leave out a load that is not completed, so the ingest must not pass it by
        dsl.execute("CREATE TRIGGER refuse_completed_load BEFORE UPDATE ON ingest_load FOR EACH ROW "
                + "BEGIN IF NEW.status = 'COMPLETED' THEN "
                + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the load cannot be completed now'; "
                + "END IF; END");
        write(
                "changes.csv",
                CHANGES_HEADER
                        + "CHG-1,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n"
                        + "CHG-2,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n"
                        + "CHG-3,talk,DC-A,SOMETIMES,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n");
        try {
            assertThatThrownBy(this::load)
                    .isInstanceOf(IngestFailedException.class)
                    .hasMessageContaining("the load cannot be completed now")
                    .hasMessageContaining("running the same ingest again resumes it");
        } finally {
            dsl.execute("DROP TRIGGER refuse_completed_load");
        }
        assertThat(dsl.fetchValue(INGEST_LOAD.STATUS)).isNotEqualTo("COMPLETED");

        IngestSummary again = load();

        assertThat(again.alreadyLoaded()).isFalse();
        assertThat(again.totals()).isEqualTo(new LoadCounts(3, 2, 0, 0, 1));
        var completed = dsl.selectFrom(INGEST_LOAD).fetchSingle();
        assertThat(completed.getStatus()).isEqualTo("COMPLETED");
        assertThat(completed.getRowsRead()).isEqualTo(3);
        assertThat(dsl.fetchCount(CHANGE_RECORD)).isEqualTo(2);
        assertThat(dsl.fetchCount(REJECTED_RECORD)).isEqualTo(1);
    }

    @Test
    void aPartitionWhoseKeysWereNeverSavedIsGivenThemAgainWhenTheLoadResumes() throws IOException {
        // Spring Batch creates a partition's execution, then saves which keys it owns in a second
        // transaction; a process that died between the two left a partition owning no keys, which
        // a restart ran over every key of the file, beside the partition that owns them
        dsl.execute("CREATE TRIGGER refuse_changes BEFORE INSERT ON change_record FOR EACH ROW "
                + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no changes now'");
        StringBuilder changes = new StringBuilder(CHANGES_HEADER);
        for (int change = 1; change <= 40; change++) {
            changes.append("CHG-%d,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n".formatted(change));
        }
        write("changes.csv", changes.toString());
        try {
            assertThatThrownBy(this::load).isInstanceOf(IngestFailedException.class);
        } finally {
            dsl.execute("DROP TRIGGER refuse_changes");
        }
        JobInstance instance = jobRepository.getLastJobInstance(IngestRequest.JOB);
        StepExecution partition = jobRepository.getLastStepExecution(instance, "changesStep:partition1");
        partition.setExecutionContext(new ExecutionContext());
        jobRepository.updateExecutionContext(partition);

        IngestSummary again = load();

        assertThat(again.totals()).isEqualTo(new LoadCounts(40, 40, 0, 0, 0));
        assertThat(dsl.fetchCount(CHANGE_RECORD)).isEqualTo(40);
        assertThat(KeyPartition.of(jobRepository
                        .getLastStepExecution(instance, "changesStep:partition1")
                        .getExecutionContext()))
                .isEqualTo(new KeyPartition(1, 2));
    }

    @Test
    void loadingTheSameFilesTwiceChangesNothing() throws IOException {
        write("changes.csv", CHANGES_HEADER + "CHG-1,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n");
        IngestSummary first = load();
        IngestSummary second = load();

        assertThat(first.alreadyLoaded()).isFalse();
        assertThat(second.alreadyLoaded()).isTrue();
        assertThat(second.rejected()).isZero();
        assertThat(dsl.fetchCount(CHANGE_RECORD)).isEqualTo(1);
        assertThat(dsl.fetchCount(INGEST_LOAD)).isEqualTo(1);
    }

    @Test
    void changedContentBecomesARevisionAndTheOldOneIsKept() throws IOException {
        write(
                "changes.csv",
                CHANGES_HEADER
                        + "CHG-1,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n"
                        + "CHG-2,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n");
        load();
        long firstLoad = dsl.fetchValue(INGEST_LOAD.LOAD_ID);
        write(
                "changes.csv",
                CHANGES_HEADER
                        + "CHG-1,talk,DC-A,UPDATE,MAJOR,,,kim,lee,2026-07-01T09:00+09:00,,,2026-07-01T10:00+09:00,,,\n"
                        + "CHG-2,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n"
                        + "CHG-3,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n");

        IngestSummary second = load();

        assertThat(second.totals()).isEqualTo(new LoadCounts(3, 1, 1, 1, 0));
        long secondLoad = dsl.fetchValue(INGEST_LOAD.LOAD_ID, INGEST_LOAD.LOAD_ID.ne(firstLoad));
        var revisions = dsl.selectFrom(CHANGE_RECORD)
                .where(CHANGE_RECORD.CHANGE_ID.eq("CHG-1"))
                .orderBy(CHANGE_RECORD.REVISION)
                .fetch();
        assertThat(revisions).hasSize(2);
        assertThat(revisions.get(0).getApprovedBy()).isNull();
        assertThat(revisions.get(0).getSupersededByLoad()).isEqualTo(secondLoad);
        assertThat(revisions.get(1).getApprovedBy()).isEqualTo("lee");
        assertThat(revisions.get(1).getRevision()).isEqualTo(2);
        assertThat(revisions.get(1).getSupersededByLoad()).isNull();
        assertThat(dsl.fetchCount(CHANGE_RECORD, CHANGE_RECORD.CHANGE_ID.eq("CHG-2")))
                .isEqualTo(1);
    }

    @Test
    void aSecondRowForTheSameIdInOneFileIsARevision() throws IOException {
        write(
                "changes.csv",
                CHANGES_HEADER
                        + "CHG-1,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n"
                        + "CHG-1,talk,DC-A,UPDATE,MAJOR,,,kim,lee,,,,2026-07-01T10:00+09:00,,,\n");

        assertThat(load().totals()).isEqualTo(new LoadCounts(2, 1, 0, 1, 0));
        assertThat(dsl.fetchValue(
                        CHANGE_RECORD.APPROVED_BY,
                        CHANGE_RECORD.CHANGE_ID.eq("CHG-1").and(CHANGE_RECORD.SUPERSEDED_BY_LOAD.isNull())))
                .isEqualTo("lee");
    }

    @Test
    void aStoredIdThatTheKeyRangeProbeMissesIsStillMergedNotSkipped() throws IOException {
        // Java orders U+1F600 (a surrogate pair) before U+E000 and U+FFFD; the column orders it
        // after them, so the chunk's range probe asks for an empty range and only the savepoint
        // behind it catches the stored id
        String stored = "CHG-\uFFFD";
        String row = ",talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n";
        write("changes.csv", CHANGES_HEADER + stored + row);
        load();

        write(
                "changes.csv",
                CHANGES_HEADER + "CHG-\uD83D\uDE00" + row + stored + row + "CHG-\uE000" + row.replace("kim", "lee"));

        assertThat(load().totals()).isEqualTo(new LoadCounts(3, 2, 1, 0, 0));
        assertThat(dsl.fetchCount(CHANGE_RECORD)).isEqualTo(3);
        assertThat(dsl.fetchCount(CHANGE_RECORD, CHANGE_RECORD.REVISION.eq(1))).isEqualTo(3);
    }

    @Test
    void loadIdsFollowTheOrderOfKindsWhicheverLaneStartsFirst() throws IOException {
        write("changes.csv", CHANGES_HEADER + "CHG-1,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n");
        write(
                "tests.csv",
                "test_run_id,change_id,environment,scope,started_at,finished_at,result\n"
                        + "T-1,CHG-1,staging,UNIT,2026-06-30T10:00+09:00,2026-06-30T11:00+09:00,PASSED\n");
        write(
                "runbooks.csv",
                "runbook_id,version,incident_type,title,last_reviewed_at\n"
                        + "RB-1,1,DC_FAILURE,title,2026-05-01T10:00+09:00\n");

        load();

        assertThat(dsl.select(INGEST_LOAD.RECORD_KIND)
                        .from(INGEST_LOAD)
                        .orderBy(INGEST_LOAD.LOAD_ID)
                        .fetch(INGEST_LOAD.RECORD_KIND))
                .containsExactly("RUNBOOKS", "CHANGES", "TESTS");
        long changesLoad = dsl.fetchValue(CHANGE_RECORD.LOAD_ID);
        assertThat(dsl.fetchValue(TEST_RUN.LOAD_ID)).isEqualTo(changesLoad + 1);
    }

    @Test
    void aReferenceToAMissingRecordIsLoaded() throws IOException {
        write(
                "tests.csv",
                "test_run_id,change_id,environment,scope,started_at,finished_at,result\n"
                        + "T-1,CHG-NOT-YET,staging,UNIT,2026-06-30T10:00+09:00,2026-06-30T11:00+09:00,PASSED\n");

        assertThat(load().totals().inserted()).isEqualTo(1);
    }

    @Test
    void refusesAFileThatIsNotUtf8AndLoadsItWithTheNamedEncoding() throws IOException {
        Charset windows949 = Charset.forName("x-windows-949");
        Files.writeString(
                drop.resolve("runbooks.csv"),
                "runbook_id,version,incident_type,title,last_reviewed_at\n"
                        + "RB-1,1,DC_FAILURE,데이터센터 장애 대응,2026-05-01T10:00+09:00\n",
                windows949);

        assertThatThrownBy(this::load)
                .isInstanceOf(IngestFailedException.class)
                .hasMessageContaining("runbooks.csv is not valid UTF-8")
                .hasMessageContaining("line 2")
                .hasMessageContaining("CP949");
        assertThat(dsl.fetchCount(RUNBOOK)).isZero();

        ingest.ingest(drop, windows949, Duration.ZERO);
        assertThat(dsl.fetchValue(RUNBOOK.TITLE)).isEqualTo("데이터센터 장애 대응");
    }

    @Test
    void filesCheckedSideBySideAreRefusedForTheFirstBadOneInTheOrderOfKinds() throws IOException {
        // runbooks.csv comes before tests.csv; its one bad byte is at its end, so its check ends last
        StringBuilder runbooks = new StringBuilder("runbook_id,version,incident_type,title,last_reviewed_at\n");
        for (int i = 0; i < 200_000; i++) {
            runbooks.append("RB-").append(i).append(",1,DC_FAILURE,a runbook,2026-05-01T10:00+09:00\n");
        }
        byte[] valid = runbooks.toString().getBytes(StandardCharsets.UTF_8);
        byte[] badAtTheEnd = Arrays.copyOf(valid, valid.length + 1);
        badAtTheEnd[valid.length] = (byte) 0xff;
        Files.write(drop.resolve("runbooks.csv"), badAtTheEnd);
        Files.write(drop.resolve("tests.csv"), "test_run_id\n\u00ff\n".getBytes(Charset.forName("ISO-8859-1")));

        assertThatThrownBy(this::load)
                .isInstanceOf(IngestFailedException.class)
                .hasMessageStartingWith("runbooks.csv is not valid UTF-8 (first bad byte on line 200002)");
        assertThat(dsl.fetchCount(RUNBOOK)).isZero();
    }

    @Test
    void refusesAFileWithoutARequiredColumnBeforeLoadingAnything() throws IOException {
        write("tests.csv", "test_run_id,change_id,environment,scope,started_at,result\n");
        write("changes.csv", CHANGES_HEADER + "CHG-1,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n");

        assertThatThrownBy(this::load)
                .isInstanceOf(IngestFailedException.class)
                .hasMessage("tests.csv is refused: required column(s) finished_at missing from its header");
        assertThat(dsl.fetchCount(CHANGE_RECORD)).isZero();
    }

    @Test
    void refusesAFolderThatDoesNotExist() {
        assertThatThrownBy(() -> ingest.ingest(drop.resolve("nope"), null, Duration.ZERO))
                .isInstanceOf(IngestFailedException.class)
                .hasMessageContaining("no such folder");
    }

    @Test
    void refusesToRunBesideAnotherIngestOrScoringRun() throws IOException {
        write("changes.csv", CHANGES_HEADER + "CHG-1,talk,DC-A,UPDATE,MAJOR,,,kim,,,,,2026-07-01T10:00+09:00,,,\n");
        try (AdvisoryLock held = AdvisoryLock.acquire(dataSource, AdvisoryLock.EVIDENCE, Duration.ZERO)) {
            assertThatThrownBy(this::load)
                    .isInstanceOf(AdvisoryLock.LockBusyException.class)
                    .hasMessageContaining("in progress");
        }
        assertThat(dsl.fetchCount(CHANGE_RECORD)).isZero();
        assertThat(load().totals().inserted()).isEqualTo(1);
    }
}
