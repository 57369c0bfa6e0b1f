package kr.compliance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import kr.compliance.pack.PackManifest;
import kr.compliance.pack.PackService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pack --period 2026Q3 --out DIR [--lang ko|en]}: the evidence pack of the period's latest scoring run. */
@Command(
        name = "pack",
        mixinStandardHelpOptions = true,
        description = "Write compliance-pack-PERIOD.zip from the period's latest completed scoring run.")
final class PackCommand implements Callable<Integer> {

    @ParentCommand
    ComplianceCommand global;

    @Spec
    CommandSpec spec;

    @Option(names = "--period", required = true, paramLabel = "PERIOD", description = "a quarter, e.g. 2026Q3")
    String period;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "the folder for the zip (default: $COMPLIANCE_HOME/packs)")
    Path out;

    @Option(
            names = "--lang",
            defaultValue = "ko",
            paramLabel = "ko|en",
            description = "labels of the workbook (default: ${DEFAULT-VALUE})")
    String lang;

    @Override
    public Integer call() {
        CommandLineValues.period(spec, period);
        CommandLineValues.lang(spec, lang);
        return AppContext.run(global, context -> {
            long started = System.nanoTime();
            PackService.PackResult result = context.getBean(PackService.class).pack(period, out, lang);
            System.out.println("pack " + result.file() + " (run " + result.runId() + ", " + result.size()
                    + " bytes, sha256 " + result.sha256() + ")");
            Elapsed.print(
                    new PrintWriter(System.out, true),
                    "pack",
                    started,
                    result.manifest().entries().stream()
                            .mapToLong(PackManifest.Entry::rows)
                            .sum());
            return ExitCodes.OK;
        });
    }
}
