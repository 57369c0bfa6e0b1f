package kr.compliance.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import kr.compliance.results.DiffCsv;
import kr.compliance.results.Restatement;
import kr.compliance.results.RunDiff;
import kr.compliance.results.RunDiffs;
import kr.compliance.store.Quarter;
import kr.compliance.store.StoreProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code diff --period P [--from RUN] [--to RUN] [--out DIR]}: the restatement of a period, from
 * its submitted run to its latest completed run by default (docs/cli.md).
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = "What changed between two runs of a period, and why: by default from the submitted run"
                + " to the latest completed run.")
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    ComplianceCommand global;

    @Spec
    CommandSpec spec;

    @Option(names = "--period", required = true, paramLabel = "PERIOD", description = "a quarter, e.g. 2026Q3")
    Quarter period;

    @Option(names = "--from", paramLabel = "RUN", description = "the earlier run (default: the submitted run)")
    Long from;

    @Option(names = "--to", paramLabel = "RUN", description = "the later run (default: the latest completed run)")
    Long to;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "the folder of the CSV of changed findings (default: $COMPLIANCE_HOME/diffs)")
    Path out;

    @Override
    public Integer call() {
        return AppContext.run(global, context -> {
            RunDiffs diffs = context.getBean(RunDiffs.class);
            RunDiff diff = diffs.diff(period, from, to);
            Path folder = out != null
                    ? out
                    : context.getBean(StoreProperties.class).home().resolve("diffs");
            Path file = folder.resolve("diff-" + period + "-run" + diff.from().runId() + "-run"
                    + diff.to().runId() + ".csv");
            long changed;
            try {
                Files.createDirectories(folder);
                try (OutputStream csv = Files.newOutputStream(file)) {
                    changed = DiffCsv.write(diffs, diff, csv);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            print(diff, changed, file, spec.commandLine().getOut());
            return ExitCodes.OK;
        });
    }

    private static void print(RunDiff diff, long changed, Path file, PrintWriter out) {
        out.println(diff.from().period() + ": run " + diff.from().runId() + " ("
                + diff.from().state() + ", as of "
                + diff.from().asOf() + ") -> run " + diff.to().runId() + " ("
                + diff.to().state() + ", as of "
                + diff.to().asOf() + ")");
        if (!diff.runCauses().isEmpty()) {
            out.println("Changed for every finding: " + diff.runCauses());
        }
        out.println("Evidence loads between them: " + diff.loadsBetween().size());
        out.printf("%-9s %10s %10s %10s%n", "", "reported", "adjustment", "restated");
        for (Restatement r : diff.requirements()) {
            out.printf(
                    "%-9s %10s %10s %10s%n",
                    r.requirement(),
                    r.reported() == null ? "-" : r.reported().toPlainString(),
                    r.adjustment() == null ? "-" : r.adjustment().toPlainString(),
                    r.restated() == null ? "-" : r.restated().toPlainString());
        }
        out.println(changed + (changed == 1 ? " finding changed" : " findings changed") + ": " + file);
        out.flush();
    }
}
