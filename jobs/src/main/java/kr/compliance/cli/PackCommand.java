package kr.compliance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import kr.compliance.pack.PackLauncher;
import kr.compliance.pack.PackRequest;
import kr.compliance.store.Quarter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pack --period 2026Q3 [--run N] [--out DIR] [--lang ko|en]}: the evidence pack of a run,
 * made by the {@code packJob}.
 */
@Command(
        name = "pack",
        mixinStandardHelpOptions = true,
        description = "Write compliance-pack-PERIOD.zip of a scoring run: the one given, else the period's"
                + " submitted run, else its latest completed run.")
final class PackCommand implements Callable<Integer> {

    @ParentCommand
    ComplianceCommand global;

    @Spec
    CommandSpec spec;

    @Option(names = "--period", required = true, paramLabel = "PERIOD", description = "a quarter, e.g. 2026Q3")
    Quarter period;

    @Option(
            names = "--run",
            paramLabel = "N",
            description = "the scoring run to pack (default: the submitted run, else the latest completed run)")
    Long run;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "the folder for the zip (default: $COMPLIANCE_HOME/packs)")
    Path out;

    @Mixin
    PackLanguage language;

    @Override
    public Integer call() {
        return AppContext.run(global, context -> {
            long started = System.nanoTime();
            PackLauncher.Made made = context.getBean(PackLauncher.class)
                    .make(new PackRequest(period, run, language.code(), out, Instant.now()));
            PrintWriter console = spec.commandLine().getOut();
            console.println("pack " + made.file() + " (run " + made.run().runId() + ", "
                    + made.run().state() + ", as of " + made.run().asOf() + ", " + made.size() + " bytes, sha256 "
                    + made.sha256() + ")");
            Elapsed.print(console, "pack", started, made.rows());
            return ExitCodes.OK;
        });
    }
}
