package kr.compliance.serve;

import static kr.compliance.store.jooq.Tables.ACCESS_LOG;

import java.time.Instant;
import org.jooq.DSLContext;

/** Writes one row of {@code access_log}: for the servlet filter, and for what Tomcat refused before it. */
final class AccessLogWriter {

    private static final int MAX_PATH = 4000;

    private final DSLContext dsl;

    AccessLogWriter(DSLContext dsl) {
        this.dsl = dsl;
    }

    void record(Instant at, String user, String method, String uri, String query, int status) {
        String path = uri + (query == null ? "" : "?" + query);
        dsl.insertInto(ACCESS_LOG)
                .set(ACCESS_LOG.AT_TIME, at)
                .set(ACCESS_LOG.USERNAME, user)
                .set(ACCESS_LOG.METHOD, method.length() > 10 ? method.substring(0, 10) : method)
                .set(ACCESS_LOG.PATH, path.length() > MAX_PATH ? path.substring(0, MAX_PATH) : path)
                .set(ACCESS_LOG.STATUS, status)
                .execute();
    }
}
