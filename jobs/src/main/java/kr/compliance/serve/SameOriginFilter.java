package kr.compliance.serve;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing API request (POST, PUT, PATCH, DELETE) that a browser sent from another
 * site: its {@code Origin}, or when absent its {@code Referer}, must be this server's own origin as
 * the request reached it (scheme, host and port, after a trusted proxy's forwarded headers). A request
 * with neither header (the CLI, curl, scripts) is not a browser's cross-site request and passes. The
 * API has no CSRF token because it is stateless HTTP Basic, and a browser replays cached Basic
 * credentials on a cross-site form post: this check is what stands in for the token.
 */
class SameOriginFilter extends OncePerRequestFilter {

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (STATE_CHANGING.contains(request.getMethod())) {
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            String claimed = origin != null ? origin : request.getHeader(HttpHeaders.REFERER);
            if (claimed != null && !ownOrigin(request).equals(origin(claimed))) {
                SecurityConfiguration.writeError(
                        response,
                        403,
                        "cross-site request refused: " + (origin != null ? "Origin " : "Referer ") + claimed
                                + " is not this server; send it from the server's own pages or without a browser");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String ownOrigin(HttpServletRequest request) {
        return origin(request.getScheme(), request.getServerName(), request.getServerPort());
    }

    /** The origin of a URL, or an empty string (foreign to every server) when it has none, like {@code null}. */
    private static String origin(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "";
            }
            return origin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static String origin(String scheme, String host, int port) {
        String lowerScheme = scheme.toLowerCase(Locale.ROOT);
        int defaultPort = "https".equals(lowerScheme) ? 443 : "http".equals(lowerScheme) ? 80 : -1;
        int effectivePort = port == -1 ? defaultPort : port;
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return lowerScheme + "://" + bareHost.toLowerCase(Locale.ROOT) + ":" + effectivePort;
    }
}
