package kr.compliance.serve;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sits before authentication in both security chains and refuses a login attempt (HTTP Basic
 * credentials, or the login form's POST) whose user name or client address is locked, before its
 * password is checked: the API answers 429 with {@code Retry-After}, the form goes back to the login
 * page saying how long to wait. The failures themselves are counted by {@link LoginEvents}.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean form = isLoginForm(request);
        String user = form ? request.getParameter("username") : basicUser(request);
        if (user != null) {
            var wait = throttle.waitBefore(user, request.getRemoteAddr());
            if (wait.isPresent()) {
                refuse(request, response, seconds(wait.get()), form);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isLoginForm(HttpServletRequest request) {
        return HttpMethod.POST.matches(request.getMethod()) && "/login".equals(request.getServletPath());
    }

    /** The user name of HTTP Basic credentials; null when there are none, or they are malformed (Basic's own 401). */
    private String basicUser(HttpServletRequest request) {
        try {
            var credentials = basic.convert(request);
            return credentials == null ? null : credentials.getName();
        } catch (BadCredentialsException malformed) {
            return null;
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, long seconds, boolean form)
            throws IOException {
        if (form) {
            response.sendRedirect(request.getContextPath() + "/login?locked=" + seconds);
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        SecurityConfiguration.writeError(
                response,
                429,
                "too many failed logins for this user or from this address; try again in " + seconds + " seconds");
    }

    /** Whole seconds, rounded up, so a client that waits that long finds the lock over. */
    private static long seconds(Duration wait) {
        return Math.max(1, wait.plusMillis(999).toSeconds());
    }
}
