package kr.compliance.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The embedded server's one account: {@code compliance@127.0.0.1} with a random password made on
 * the home's first start and kept in {@code db/credentials}, readable by the home's owner alone
 * (mode 0600). Every start hands the server an init file that (re)creates the account with that
 * password and removes every account another local user could use, so a home made before the
 * server required a password is closed on its next start.
 */
final class EmbeddedCredentials {

    static final String USER = "compliance";
    /** The file in {@code db/} that holds the password. */
    static final String FILE = "credentials";

    private static final String OWNER_ONLY = "rw-------";

    private final Path file;
    private final String password;

    private EmbeddedCredentials(Path file, String password) {
        this.file = file;
        this.password = password;
    }

    /** Reads the home's password, making it on first use. */
    static EmbeddedCredentials of(Path dbDir) throws IOException {
        Path file = dbDir.resolve(FILE);
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            try {
                writeOwnerOnly(file, HexFormat.of().formatHex(random));
            } catch (FileAlreadyExistsException raced) {
                // another start made it first: read theirs
            }
        }
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!password.matches("[0-9a-f]{16,}")) {
            throw new DatabaseUnavailableException(file + " does not hold the embedded database's password;"
                    + " restore it from a backup of the home (the database cannot be opened without it)");
        }
        return new EmbeddedCredentials(file, password);
    }

    String password() {
        return password;
    }

    /**
     * Writes the statements the server runs at start, before it takes connections, with its own
     * rights: the account with this home's password, and no other way in over TCP or the socket.
     */
    Path writeInitFile(Path dbDir) throws IOException {
        Path init = dbDir.resolve("init.sql");
        Files.deleteIfExists(init);
        String account = "'" + USER + "'@'127.0.0.1'";
        writeOwnerOnly(
                init,
                String.join(
                        "\n",
                        "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "';",
                        "ALTER USER " + account + " IDENTIFIED BY '" + password + "';",
                        "GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION;",
                        // anonymous accounts and the installer's socket accounts would let other local users in
                        "DROP USER IF EXISTS ''@'localhost', ''@'127.0.0.1', 'mysql'@'localhost', 'root'@'127.0.0.1', 'root'@'::1';",
                        // and the installer's anonymous account named after this machine
                        "EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS ''''@''', @@hostname, '''');",
                        ""));
        return init;
    }

    Path file() {
        return file;
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
