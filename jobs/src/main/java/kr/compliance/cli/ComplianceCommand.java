package kr.compliance.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code compliance}: the one launcher that runs everything. */
@Command(
        name = "compliance",
        mixinStandardHelpOptions = true,
        version = "compliance 1.0.0",
        description = "Scores change, test and incident evidence against the ministry's six corrective actions.",
        subcommands = {
            IngestCommand.class,
            ScoreCommand.class,
            PackCommand.class,
            SubmitCommand.class,
            DiffCommand.class,
            VerifyCommand.class,
            RunCommand.class,
            DemoCommand.class,
            BenchFloorCommand.class,
            GenerateCommand.class,
            ServeCommand.class,
            WorkerCommand.class,
            WorkersCommand.class,
            DatabaseCommand.class,
            UserCommand.class
        })
public final class ComplianceCommand implements Runnable {

    @Option(
            names = "--db",
            scope = ScopeType.INHERIT,
            paramLabel = "JDBC_URL",
            description =
                    "a MySQL server (default: COMPLIANCE_DB_URL, else the embedded MariaDB under COMPLIANCE_HOME)")
    String dbUrl;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "print stack traces and log to the console")
    boolean debug;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
