package kr.compliance.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import kr.compliance.scoring.Score;
import kr.compliance.scoring.ScoringService;
import kr.compliance.store.Quarter;
import kr.compliance.store.Timestamps;
import kr.compliance.store.Zones;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code score --period 2026Q3 [--as-of TIMESTAMP]}: judges a period against the 17 controls. */
@Command(name = "score", description = "Score a period against the 17 controls (a new, append-only run).")
final class ScoreCommand implements Callable<Integer> {

    @ParentCommand
    ComplianceCommand global;

    @Spec
    CommandSpec spec;

    @Option(names = "--period", required = true, paramLabel = "PERIOD", description = "a quarter, e.g. 2026Q3")
    Quarter period;

    @Option(
            names = "--as-of",
            paramLabel = "TIMESTAMP",
            description =
                    "the instant treated as now (default: the run's start); without an offset, in the report zone")
    String asOf;

    @Override
    public Integer call() {
        CommandLineValues.asOf(spec, asOf);
        return AppContext.run(global, context -> {
            Zones zones = context.getBean(Zones.class);
            long started = System.nanoTime();
            ScoringService.Result result = context.getBean(ScoringService.class)
                    .score(
                            period,
                            asOf == null ? Instant.now() : Timestamps.parse(asOf, zones.report()),
                            Duration.ZERO);
            print(result, period, spec.commandLine().getOut());
            Elapsed.print(
                    spec.commandLine().getOut(),
                    "score",
                    started,
                    result.scores().getLast().pass()
                            + result.scores().getLast().fail()
                            + result.scores().getLast().exception()
                            + result.scores().getLast().pending());
            return ExitCodes.OK;
        });
    }

    static void print(ScoringService.Result result, Quarter period, PrintWriter out) {
        out.println("Scoring run " + result.runId() + " of " + period + ", as of " + result.asOf() + ", policy "
                + result.policyVersion());
        out.printf("%-9s %7s %-8s %8s %8s %10s %8s%n", "", "score", "rating", "pass", "fail", "exception", "pending");
        for (Score score : result.scores()) {
            out.printf(
                    "%-9s %7s %-8s %8d %8d %10d %8d%n",
                    score.requirement(),
                    score.score() == null ? "-" : score.score().toPlainString(),
                    score.rating(),
                    score.pass(),
                    score.fail(),
                    score.exception(),
                    score.pending());
        }
        out.flush();
    }
}
