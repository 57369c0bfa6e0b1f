package kr.compliance.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import kr.compliance.store.EmbeddedMariaDb;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code serve}: the auditor API, the web pages and the scheduler, until stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Runs the auditor API, web pages and scheduler.")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    ComplianceCommand global;

    @Option(names = "--port", paramLabel = "N", description = "the HTTP port (default: SERVER_PORT, else 8080)")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        String chosenPort = port != null ? port.toString() : System.getenv().getOrDefault("SERVER_PORT", "8080");
        if (global.dbUrl == null && AppContext.embedded()) {
            EmbeddedMariaDb.requireHomeFree(AppContext.home());
        }
        try (var context = AppContext.start(
                global,
                WebApplicationType.SERVLET,
                Map.of(
                        "server.port", chosenPort,
                        // a server's console is its log
                        "logging.threshold.console", "INFO",
                        "spring.quartz.auto-startup", "true"))) {
            var stopped = AppContext.closing(context);
            // the port the server took: --port 0 asks for any free one
            String port = context.getEnvironment().getProperty("local.server.port", chosenPort);
            System.out.println("compliance: serving on http://localhost:" + port + "/ (Ctrl-C stops)");
            stopped.await();
        }
        return ExitCodes.OK;
    }
}
