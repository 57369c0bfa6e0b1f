package kr.compliance.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.core.NestedExceptionUtils;

/**
 * Tells a command that failed because its database went away from one that failed for its own
 * reasons. The drivers' words for it vary with the moment the connection broke ("Communications
 * link failure", "Streaming result set ... is still active", "Could not open JDBC Connection"), so
 * the database itself is asked: a fresh connection either opens or it does not.
 */
public final class DatabaseLoss {

    private static final int PROBE_TIMEOUT_MS = 3000;

    private DatabaseLoss() {}

    /**
     * {@code failure} as it is, or, when the database can no longer be reached, a failure that says
     * so: what a command left unfinished is never used (a load counts once it has finished, a
     * scoring run once it has completed, a pack once it is moved into place), and the same command
     * run again completes it.
     */
    public static RuntimeException explain(RuntimeException failure, DataSource dataSource) {
        if (reachable(dataSource)) {
            return failure;
        }
        return new DatabaseUnavailableException(
                "the database was lost while the command ran (" + rootMessage(failure) + "); nothing it left"
                        + " unfinished is used by scores, packs or the API; once the database is back, run the"
                        + " same command again to complete it",
                failure);
    }

    private static boolean reachable(DataSource dataSource) {
        if (!(dataSource instanceof HikariDataSource pool)) {
            return true;
        }
        Properties account = new Properties();
        if (pool.getUsername() != null) {
            account.setProperty("user", pool.getUsername());
            account.setProperty("password", pool.getPassword() == null ? "" : pool.getPassword());
        }
        account.setProperty("connectTimeout", Integer.toString(PROBE_TIMEOUT_MS));
        account.setProperty("socketTimeout", Integer.toString(PROBE_TIMEOUT_MS));
        try (var connection = DriverManager.getConnection(pool.getJdbcUrl(), account)) {
            return connection.isValid(PROBE_TIMEOUT_MS / 1000);
        } catch (SQLException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
