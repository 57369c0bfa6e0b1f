package kr.compliance.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database: the configured MySQL server, or else the embedded MariaDB under the home folder.
 * Flyway (Spring Boot's auto-configuration) migrates it from {@code schema/} on start.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean(destroyMethod = "close")
    ServerHandle databaseServer(StoreProperties properties) {
        if (!properties.embedded()) {
            return new ServerHandle(null, properties.dbUrl(), properties.dbUser(), properties.dbPassword());
        }
        EmbeddedMariaDb server = new EmbeddedMariaDb(properties.home(), properties.embeddedDatabase());
        server.start();
        return new ServerHandle(server, server.jdbcUrl(), server.user(), server.password());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(ServerHandle server) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("compliance");
        config.setJdbcUrl(server.url());
        // a user named in the URL itself (…?user=x) stands unless the environment names one
        if (server.user() != null && !server.user().isBlank()) {
            config.setUsername(server.user());
            config.setPassword(server.password());
        }
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        // instants are stored as UTC DATETIME; LOAD DATA LOCAL streams the drops in
        config.addDataSourceProperty("connectionTimeZone", "UTC");
        config.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
        config.addDataSourceProperty("allowLoadLocalInfile", "true");
        config.addDataSourceProperty("rewriteBatchedStatements", "true");
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("characterEncoding", "UTF-8");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // the query part of a URL may carry credentials: it stays out of the message
            throw new DatabaseUnavailableException(
                    "cannot reach the database at " + server.url().replaceFirst("\\?.*", "") + " (" + cause.getMessage()
                            + "); check --db or COMPLIANCE_DB_URL and that the server is up",
                    e);
        }
    }

    /** jOOQ renders for the server it talks to: MariaDB or MySQL, read off the connection. */
    @Bean
    DefaultConfigurationCustomizer dialectOfTheConnection(DataSource dataSource) {
        SQLDialect dialect = detectDialect(dataSource);
        return configuration -> configuration.set(dialect);
    }

    static SQLDialect detectDialect(DataSource dataSource) {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var version = statement.executeQuery("SELECT VERSION()")) {
            version.next();
            return version.getString(1).toLowerCase().contains("mariadb") ? SQLDialect.MARIADB : SQLDialect.MYSQL;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    /** The server behind the pool, closed after it. */
    record ServerHandle(EmbeddedMariaDb embedded, String url, String user, String password) implements AutoCloseable {
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
