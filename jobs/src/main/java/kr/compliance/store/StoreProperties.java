package kr.compliance.store;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the data lives.
 *
 * @param home the folder for the embedded database, packs and logs ({@code COMPLIANCE_HOME})
 * @param dbUrl a JDBC URL of a MySQL server; blank means the embedded MariaDB under {@code home/db}
 * @param dbUser the user for {@code dbUrl}
 * @param dbPassword the password for {@code dbUrl}, from the environment only
 * @param embeddedDatabase the schema name inside the embedded server
 */
@ConfigurationProperties("compliance.store")
public record StoreProperties(Path home, String dbUrl, String dbUser, String dbPassword, String embeddedDatabase) {

    public boolean embedded() {
        return dbUrl == null || dbUrl.isBlank();
    }
}
