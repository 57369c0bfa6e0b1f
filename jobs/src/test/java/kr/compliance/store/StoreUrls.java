package kr.compliance.store;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The test server's JDBC URL with its account in it, for a child JVM or a plain JDBC connection:
 * the embedded server takes only its own account, with the home's password.
 */
public final class StoreUrls {

    private StoreUrls() {}

    public static String withAccount(HikariDataSource pool) {
        return pool.getJdbcUrl() + (pool.getJdbcUrl().contains("?") ? "&" : "?") + "user="
                + URLEncoder.encode(pool.getUsername(), StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(pool.getPassword(), StandardCharsets.UTF_8);
    }

    /** The same, on another schema of the same server. */
    public static String withAccount(HikariDataSource pool, String schema) {
        return withAccount(pool).replaceFirst("/[^/?]+\\?", "/" + schema + "?");
    }
}
