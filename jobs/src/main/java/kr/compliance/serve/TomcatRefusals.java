package kr.compliance.serve;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import org.apache.catalina.AccessLog;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat answers itself, before any filter or controller runs (a path it will not decode, like
 * an encoded slash {@code %2F}): under {@code /api/} the answer is the API's JSON error, and the
 * request is recorded in {@code access_log} like every other API request.
 */
final class TomcatRefusals {

    private TomcatRefusals() {}

    static void install(TomcatServletWebServerFactory factory, AccessLogWriter accessLog) {
        factory.addEngineValves(new RecordUnfiltered(accessLog));
        // Boot adds a plain ErrorReportValve to the host (no stack traces): replace it with ours
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof JsonForApi)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            var json = new JsonForApi();
            json.setShowReport(false);
            json.setShowServerInfo(false);
            host.getPipeline().addValve(json);
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(JsonForApi.class.getName());
            }
        });
    }

    private static boolean isApi(Request request) {
        String uri = request.getRequestURI();
        return uri != null && uri.startsWith("/api/");
    }

    /** Tomcat's error page, as the API's JSON body for {@code /api/} paths and unchanged elsewhere. */
    public static final class JsonForApi extends ErrorReportValve {

        private static final JsonMapper JSON = JsonMapper.builder().build();
        private static final Logger log = LoggerFactory.getLogger(JsonForApi.class);

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            if (!isApi(request)) {
                super.report(request, response, throwable);
                return;
            }
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(
                            JSON.writeValueAsString(new ErrorBody(message(status, response.getMessage()), status)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                log.warn("the JSON error body of {} {} could not be written", status, request.getRequestURI(), e);
            }
        }

        private static String message(int status, String tomcat) {
            String reason = tomcat == null || tomcat.isBlank() ? "HTTP " + status : tomcat;
            return status == 400
                    ? "the web server refused the request path (" + reason + "); an id holding / or % goes in the "
                            + "query: /api/records/{type}?id=..."
                    : "the web server refused the request (" + reason + ")";
        }
    }

    /**
     * Tomcat's access-log hook, which it calls for every request, including those it refused before
     * the filters: records an {@code /api/} request that {@link AccessLogFilter} never saw.
     */
    static final class RecordUnfiltered extends ValveBase implements AccessLog {

        private final AccessLogWriter accessLog;

        RecordUnfiltered(AccessLogWriter accessLog) {
            super(true);
            this.accessLog = accessLog;
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            getNext().invoke(request, response);
        }

        @Override
        public void log(Request request, Response response, long time) {
            if (isApi(request) && request.getAttribute(AccessLogFilter.RECORDED_ATTRIBUTE) == null) {
                accessLog.record(
                        Instant.now().minusNanos(time), // Tomcat gives the time taken in nanoseconds
                        null,
                        request.getMethod(),
                        request.getRequestURI(),
                        request.getQueryString(),
                        response.getStatus());
            }
        }

        @Override
        public void setRequestAttributesEnabled(boolean enabled) {
            // nothing to take from request attributes: the address is not recorded
        }

        @Override
        public boolean getRequestAttributesEnabled() {
            return false;
        }
    }
}
