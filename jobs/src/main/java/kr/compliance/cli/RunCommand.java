package kr.compliance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import kr.compliance.ingest.IngestService;
import kr.compliance.ingest.IngestSummary;
import kr.compliance.pack.PackLauncher;
import kr.compliance.pack.PackRequest;
import kr.compliance.scoring.ScoringService;
import kr.compliance.store.Quarter;
import kr.compliance.store.Timestamps;
import kr.compliance.store.Zones;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code run --from DIR --period P --out DIR}: ingest, score and pack in one process. */
@Command(name = "run", description = "Ingest the drop in DIR, score the period and write its pack, in one go.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    ComplianceCommand global;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "the drop folder")
    Path from;

    @Option(names = "--period", required = true, paramLabel = "PERIOD", description = "a quarter, e.g. 2026Q3")
    Quarter period;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder for the pack")
    Path out;

    @Option(names = "--as-of", paramLabel = "TIMESTAMP", description = "the instant treated as now (default: now)")
    String asOf;

    @Mixin
    PackLanguage language;

    @Override
    public Integer call() {
        CommandLineValues.asOf(spec, asOf);
        return AppContext.run(global, context -> {
            Zones zones = context.getBean(Zones.class);
            Instant now = asOf == null ? Instant.now() : Timestamps.parse(asOf, zones.report());
            PrintWriter console = spec.commandLine().getOut();
            IngestSummary loaded = context.getBean(IngestService.class).ingest(from, null, Duration.ZERO);
            IngestCommand.print(loaded, console);
            scoreAndPack(context, period, now, out, language.code(), console);
            return loaded.rejected() > 0 ? ExitCodes.REJECTED_ROWS : ExitCodes.OK;
        });
    }

    /** Scores the period and packs it, printing the scores and where the pack is. */
    static void scoreAndPack(
            ConfigurableApplicationContext context,
            Quarter period,
            Instant asOf,
            Path out,
            String lang,
            PrintWriter console) {
        ScoringService.Result scored = context.getBean(ScoringService.class).score(period, asOf, Duration.ZERO);
        console.println();
        ScoreCommand.print(scored, period, console);
        PackLauncher.Made pack = context.getBean(PackLauncher.class)
                .make(new PackRequest(period, scored.runId(), lang, out, Instant.now()));
        console.println();
        console.println("Evidence pack: " + pack.file().toAbsolutePath() + " (run "
                + pack.run().runId() + ", " + pack.run().state() + ", sha256 " + pack.sha256() + ")");
        console.flush();
    }
}
