package kr.compliance.serve;

import static kr.compliance.store.jooq.Tables.ACCESS_LOG;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.jooq.DSLContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every {@code /api/**} request in {@code access_log}: time, user (empty when nobody was
 * authenticated), method, path with query and the status answered. It runs before Spring Security,
 * so refused requests (401, 403) are recorded too.
 */
class AccessLogFilter extends OncePerRequestFilter {

    private static final String USER_ATTRIBUTE = AccessLogFilter.class.getName() + ".user";
    private static final int MAX_PATH = 4000;

    private final DSLContext dsl;

    AccessLogFilter(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant at = Instant.now();
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            record(at, request, status);
        }
    }

    private void record(Instant at, HttpServletRequest request, int status) {
        String path =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        dsl.insertInto(ACCESS_LOG)
                .set(ACCESS_LOG.AT_TIME, at)
                .set(ACCESS_LOG.USERNAME, (String) request.getAttribute(USER_ATTRIBUTE))
                .set(ACCESS_LOG.METHOD, request.getMethod())
                .set(ACCESS_LOG.PATH, path.length() > MAX_PATH ? path.substring(0, MAX_PATH) : path)
                .set(ACCESS_LOG.STATUS, status)
                .execute();
    }

    /**
     * Sits in the API's security chain right after authentication and notes who was
     * authenticated, because the security context is cleared before the outer filter records.
     */
    static final class RememberUser extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.isAuthenticated()) {
                request.setAttribute(USER_ATTRIBUTE, authentication.getName());
            }
            chain.doFilter(request, response);
        }
    }
}
