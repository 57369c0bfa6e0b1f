package kr.compliance.serve;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every request in {@code access_log} (the API, page views, CSV exports and pack downloads;
 * not static files or health probes): time, user (empty when nobody was
 * authenticated), method, path with query and the status answered. It runs before Spring Security,
 * so refused requests (401, 403, 429) are recorded too; it marks each request it recorded, so that
 * {@link TomcatRefusals} records only the ones Tomcat refused before any filter ran.
 */
class AccessLogFilter extends OncePerRequestFilter {

    private static final String USER_ATTRIBUTE = AccessLogFilter.class.getName() + ".user";
    static final String RECORDED_ATTRIBUTE = AccessLogFilter.class.getName() + ".recorded";

    private final AccessLogWriter log;

    AccessLogFilter(AccessLogWriter log) {
        this.log = log;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/")
                || path.startsWith("/js/")
                || path.equals("/favicon.ico")
                || path.startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant at = Instant.now();
        request.setAttribute(RECORDED_ATTRIBUTE, Boolean.TRUE);
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            log.record(
                    at,
                    (String) request.getAttribute(USER_ATTRIBUTE),
                    request.getMethod(),
                    request.getRequestURI(),
                    request.getQueryString(),
                    status);
        }
    }

    /**
     * Sits in each security chain right after authentication and notes who was
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
