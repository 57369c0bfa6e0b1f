package kr.compliance.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A named lock held by the database server for as long as this handle's connection lives
 * ({@code GET_LOCK}, in MySQL and MariaDB alike). If the process dies, the server drops the
 * connection and the lock with it, so a killed run never blocks the next one. Several processes on
 * one database (a cluster of {@code serve}, a cron job beside it) see the same lock.
 */
public final class AdvisoryLock implements AutoCloseable {

    /** Held by every run that writes or judges evidence (ingest, scoring), so they never overlap. */
    public static final String EVIDENCE = "compliance-evidence";

    /** Held while a submission is made, so the ledger's chain has one end and never forks. */
    public static final String SUBMISSION = "compliance-submission";

    private final Connection connection;
    private final String name;

    private AdvisoryLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /**
     * Takes the lock, waiting at most {@code wait}.
     *
     * @throws LockBusyException when another holder keeps it longer than {@code wait}
     */
    public static AdvisoryLock acquire(DataSource dataSource, String name, Duration wait) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            try (var statement = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
                statement.setString(1, name);
                statement.setLong(2, wait.toSeconds());
                try (var result = statement.executeQuery()) {
                    if (result.next() && result.getInt(1) == 1) {
                        return new AdvisoryLock(connection, name);
                    }
                }
            }
            connection.close();
            throw new LockBusyException(name);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw new DatabaseUnavailableException("cannot take the lock '" + name + "': " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection, SQLException failure) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        try (connection;
                var statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            statement.setString(1, name);
            statement.execute();
        } catch (SQLException e) {
            // the connection is gone, and the server released the lock with it
            if (!isClosed()) {
                throw new DatabaseUnavailableException("cannot release the lock '" + name + "'", e);
            }
        }
    }

    private boolean isClosed() {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Another process or thread holds the lock. */
    public static final class LockBusyException extends RuntimeException {
        LockBusyException(String name) {
            super("another run holds the lock '" + name + "' (an ingest or scoring run is in progress); "
                    + "try again when it has finished");
        }
    }
}
