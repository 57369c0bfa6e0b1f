package kr.compliance.sources;

import static kr.compliance.store.jooq.Tables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kr.compliance.ingest.LoadCounts;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.StoreProperties;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.util.FileSystemUtils;

/**
 * Pulls from a second database on the same embedded server, standing in for an ITSM system, and from
 * the sample exports, through the real ingest.
 */
@SpringBootTest
class SourcesIntegrationTests {

    static final String SOURCE_DB = "itsm_source";

    static final String CHANGES_QUERY = """
            SELECT id AS change_id, svc AS service, dc AS data_center, kind AS change_type, size AS scale,
                   wipes AS destructive, requester AS requested_by, approver AS approved_by,
                   approved AS approved_at, started AS started_at, result AS outcome, updated_at
              FROM change_log;
            """;

    @Autowired
    SourcePulls pulls;

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    DSLContext dsl;

    @Autowired
    StoreProperties store;

    @BeforeEach
    void emptyStoreAndAFreshSourceDatabase() throws SQLException, IOException {
        EvidenceTables.clear(dsl);
        FileSystemUtils.deleteRecursively(store.home().resolve("sources"));
        dsl.truncate(SOURCE_WATERMARK).execute();
        source("DROP DATABASE IF EXISTS " + SOURCE_DB);
        source("CREATE DATABASE " + SOURCE_DB + " CHARACTER SET utf8mb4");
        source("CREATE TABLE " + SOURCE_DB + ".change_log (id VARCHAR(20) PRIMARY KEY, svc VARCHAR(50),"
                + " dc VARCHAR(10), kind VARCHAR(30), size VARCHAR(10), wipes BOOLEAN, requester VARCHAR(50),"
                + " approver VARCHAR(50), approved DATETIME(6), started DATETIME(6), result VARCHAR(20),"
                + " updated_at DATETIME(6) NOT NULL)");
    }

    private void source(String sql) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void change(String id, String kind, String approver, String updatedAt) throws SQLException {
        source("REPLACE INTO " + SOURCE_DB + ".change_log VALUES ('" + id + "', '메신저', 'DC-A', '" + kind
                + "', 'MAJOR', " + (id.endsWith("1") ? "TRUE" : "FALSE") + ", 'kim', "
                + (approver == null ? "NULL" : "'" + approver + "'")
                + ", '2026-07-01 09:00:00', '2026-07-01 10:00:00', 'SUCCESS', '" + updatedAt + "')");
    }

    private String sourceUrl() {
        return dataSource.getJdbcUrl().replaceFirst("/[^/?]+\\?", "/" + SOURCE_DB + "?");
    }

    private SourceProperties jdbc(String url) {
        return new SourceProperties(
                SourceProperties.Type.JDBC,
                new SourceProperties.Jdbc(
                        url,
                        dataSource.getUsername(),
                        dataSource.getPassword(),
                        null,
                        Map.of("changes", new SourceProperties.Query(CHANGES_QUERY, "updated_at"))),
                null,
                null,
                null,
                null);
    }

    private PullResult pullItsm() {
        return pulls.pull("itsm", jdbc(sourceUrl()), Duration.ZERO);
    }

    private String watermark() {
        return dsl.fetchValue(
                SOURCE_WATERMARK.WATERMARK_VALUE,
                SOURCE_WATERMARK.SOURCE_NAME.eq("itsm").and(SOURCE_WATERMARK.RECORD_KIND.eq("CHANGES")));
    }

    private static List<String> stagedIds(PullResult pull, String file, String idColumn) throws IOException {
        return StagedDrop.rows(pull.folder().resolve(file)).stream()
                .map(row -> row.get(idColumn))
                .toList();
    }

    @Test
    void theFirstPullReadsEverythingAndTheNextOnlyWhatChanged() throws Exception {
        change("CHG-1", "UPDATE", "lee", "2026-07-01 10:00:00.000001");
        change("CHG-2", "CONFIG", null, "2026-07-01 11:00:00");
        change("CHG-3", "INFRA", "lee", "2026-07-01 12:00:00");

        PullResult first = pullItsm();

        assertThat(first.rowsPulled()).containsEntry("changes.csv", 3L);
        assertThat(first.ingest().totals()).isEqualTo(new LoadCounts(3, 3, 0, 0, 0));
        assertThat(first.folder())
                .startsWith(store.home().toAbsolutePath().normalize().resolve("sources/itsm"));
        assertThat(watermark()).isEqualTo("2026-07-01T12:00");
        var loaded = dsl.selectFrom(CHANGE_RECORD)
                .where(CHANGE_RECORD.CHANGE_ID.eq("CHG-1"))
                .fetchSingle();
        assertThat(loaded.getService()).isEqualTo("메신저");
        assertThat(loaded.getDestructive()).isTrue();
        // a DATETIME has no zone: written without an offset, read in the source zone (Asia/Seoul)
        assertThat(loaded.getStartedAt()).isEqualTo(Instant.parse("2026-07-01T01:00:00Z"));

        change("CHG-2", "CONFIG", "park", "2026-07-02 09:00:00");
        change("CHG-4", "UPDATE", "lee", "2026-07-02 10:00:00");
        PullResult second = pullItsm();

        // only the changed and the new row were read
        assertThat(stagedIds(second, "changes.csv", "change_id")).containsExactly("CHG-2", "CHG-4");
        assertThat(second.ingest().totals()).isEqualTo(new LoadCounts(2, 1, 0, 1, 0));
        assertThat(dsl.fetchValue(
                        CHANGE_RECORD.APPROVED_BY,
                        CHANGE_RECORD.CHANGE_ID.eq("CHG-2").and(CHANGE_RECORD.SUPERSEDED_BY_LOAD.isNull())))
                .isEqualTo("park");
        assertThat(watermark()).isEqualTo("2026-07-02T10:00");

        PullResult third = pullItsm();

        assertThat(third.rowsPulled()).containsEntry("changes.csv", 0L);
        assertThat(watermark()).isEqualTo("2026-07-02T10:00");
        // every pull's drop is kept as the record of what was read
        try (Stream<Path> folders = Files.list(first.folder().getParent())) {
            assertThat(folders).hasSize(3);
        }
    }

    @Test
    void aSourceThatGoesDownLeavesItsWatermarkAndTheRerunCompletes() throws Exception {
        change("CHG-1", "UPDATE", "lee", "2026-07-01 10:00:00");
        pullItsm();
        change("CHG-2", "UPDATE", "lee", "2026-07-02 10:00:00");
        source("RENAME TABLE " + SOURCE_DB + ".change_log TO " + SOURCE_DB + ".change_log_moved");

        assertThatThrownBy(this::pullItsm)
                .isInstanceOf(SourceFailedException.class)
                .hasMessageStartingWith("source 'itsm' failed: reading jdbc:mysql://")
                .hasMessageContaining("change_log")
                .hasMessageNotContaining("useSSL");
        assertThat(watermark()).isEqualTo("2026-07-01T10:00");
        assertThat(dsl.fetchCount(CHANGE_RECORD)).isEqualTo(1);
        assertThatThrownBy(() -> pulls.pull("itsm", jdbc("jdbc:mysql://127.0.0.1:1/itsm"), Duration.ZERO))
                .isInstanceOf(SourceFailedException.class)
                .hasMessageContaining("source 'itsm' failed: reading jdbc:mysql://127.0.0.1:1/itsm");
        assertThat(watermark()).isEqualTo("2026-07-01T10:00");

        source("RENAME TABLE " + SOURCE_DB + ".change_log_moved TO " + SOURCE_DB + ".change_log");
        PullResult rerun = pullItsm();

        assertThat(stagedIds(rerun, "changes.csv", "change_id")).containsExactly("CHG-2");
        assertThat(dsl.fetchCount(CHANGE_RECORD)).isEqualTo(2);
        assertThat(watermark()).isEqualTo("2026-07-02T10:00");
        // the failed pulls left no folder behind: only the two that loaded
        try (Stream<Path> folders = Files.list(rerun.folder().getParent())) {
            assertThat(folders).hasSize(2);
        }
    }

    @Test
    void aBadRowIsRejectedNamingTheSourceAndTheKey() throws Exception {
        change("CHG-1", "UPDATE", "lee", "2026-07-01 10:00:00");
        change("CHG-9", "REFACTOR", "lee", "2026-07-01 11:00:00");

        PullResult pull = pullItsm();

        assertThat(pull.ingest().totals()).isEqualTo(new LoadCounts(2, 1, 0, 0, 1));
        var rejection = dsl.select(
                        INGEST_LOAD.SOURCE_NAME,
                        REJECTED_RECORD.COLUMN_NAME,
                        REJECTED_RECORD.REASON,
                        REJECTED_RECORD.RAW_RECORD)
                .from(REJECTED_RECORD)
                .join(INGEST_LOAD)
                .on(INGEST_LOAD.LOAD_ID.eq(REJECTED_RECORD.LOAD_ID))
                .fetchSingle();
        assertThat(rejection.value1()).contains("/sources/itsm/");
        assertThat(rejection.value2()).isEqualTo("change_type");
        assertThat(rejection.value3()).contains("'REFACTOR' is not one of");
        assertThat(rejection.value4()).startsWith("CHG-9,");
    }

    @Test
    void testReportsAndIncidentExportsLoadThroughTheIngest() throws Exception {
        var junit = new SourceProperties(
                SourceProperties.Type.JUNIT,
                null,
                new SourceProperties.Junit(Path.of("src/test/resources/sources/junit"), null, Map.of()),
                null,
                null,
                null);
        PullResult tests = pulls.pull("ci", junit, Duration.ZERO);
        PullResult again = pulls.pull("ci", junit, Duration.ZERO);

        assertThat(tests.ingest().totals()).isEqualTo(new LoadCounts(4, 4, 0, 0, 0));
        // the same reports again change nothing
        assertThat(again.ingest().totals()).isEqualTo(new LoadCounts(4, 0, 4, 0, 0));
        assertThat(dsl.fetchValue(
                        TEST_RUN.RESULT,
                        TEST_RUN.TEST_RUN_ID.eq("CHG-1042/staging/kr.example.talk.MessageRoutingTest")))
                .isEqualTo("FAILED");

        var pagerduty = new SourceProperties(
                SourceProperties.Type.PAGERDUTY, null, null, IncidentExportsTests.PAGERDUTY, null, null);
        PullResult incidents = pulls.pull("pagerduty", pagerduty, Duration.ZERO);

        // the incident of an unmapped service is rejected, not loaded with a guessed data centre
        assertThat(incidents.ingest().totals()).isEqualTo(new LoadCounts(3, 2, 0, 0, 1));
        var rejection = dsl.select(INGEST_LOAD.SOURCE_NAME, REJECTED_RECORD.RAW_RECORD)
                .from(REJECTED_RECORD)
                .join(INGEST_LOAD)
                .on(INGEST_LOAD.LOAD_ID.eq(REJECTED_RECORD.LOAD_ID))
                .fetchSingle();
        assertThat(rejection.value1()).contains("/sources/pagerduty/");
        assertThat(rejection.value2()).startsWith("PD-1044,");

        var statuspage = new SourceProperties(
                SourceProperties.Type.STATUSPAGE,
                null,
                null,
                null,
                new SourceProperties.Statuspage(Path.of("src/test/resources/sources/statuspage"), "\\[(PD-\\d+)]"),
                null);
        PullResult notices = pulls.pull("statuspage", statuspage, Duration.ZERO);

        assertThat(notices.ingest().totals()).isEqualTo(new LoadCounts(4, 4, 0, 0, 0));
        assertThat(dsl.fetchCount(NOTIFICATION, NOTIFICATION.INCIDENT_ID.eq("PD-1042")))
                .isEqualTo(3);
    }

    @Test
    void aQueryWithoutItsWatermarkOrForNoKindIsRefusedBeforeAnythingLoads() throws Exception {
        change("CHG-1", "UPDATE", "lee", "2026-07-01 10:00:00");
        var withoutWatermark = new SourceProperties(
                SourceProperties.Type.JDBC,
                new SourceProperties.Jdbc(
                        sourceUrl(),
                        dataSource.getUsername(),
                        dataSource.getPassword(),
                        null,
                        Map.of(
                                "changes",
                                new SourceProperties.Query("SELECT id AS change_id FROM change_log", "updated_at"))),
                null,
                null,
                null,
                null);
        var noKind = new SourceProperties(
                SourceProperties.Type.JDBC,
                new SourceProperties.Jdbc(
                        sourceUrl(),
                        dataSource.getUsername(),
                        dataSource.getPassword(),
                        null,
                        Map.of("change_log", new SourceProperties.Query(CHANGES_QUERY, "updated_at"))),
                null,
                null,
                null,
                null);

        assertThatThrownBy(() -> pulls.pull("itsm", withoutWatermark, Duration.ZERO))
                .isInstanceOf(SourceFailedException.class)
                .hasMessageContaining("source 'itsm' failed: reading jdbc:mysql://")
                .hasMessageContaining("Unknown column 'q.updated_at'");
        assertThatThrownBy(() -> pulls.pull("itsm", noKind, Duration.ZERO))
                .isInstanceOf(SourceFailedException.class)
                .hasMessageContaining(
                        "its query 'change_log' names no record kind (known: exceptions, runbooks, changes");
        assertThat(dsl.fetchCount(CHANGE_RECORD)).isZero();
        assertThat(watermark()).isNull();
    }

    @Test
    void anUnknownSourceNameSaysWhichAreConfigured() {
        assertThatThrownBy(() -> pulls.pull("nope", Duration.ZERO))
                .isInstanceOf(UnknownSourceException.class)
                .hasMessageContaining("no source named 'nope'");
    }
}
