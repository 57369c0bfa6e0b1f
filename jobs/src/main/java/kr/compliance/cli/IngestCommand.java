package kr.compliance.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import kr.compliance.ingest.DropEncoding;
import kr.compliance.ingest.IngestService;
import kr.compliance.ingest.IngestSummary;
import kr.compliance.ingest.LoadCounts;
import kr.compliance.sources.PullResult;
import kr.compliance.sources.SourcePulls;
import kr.compliance.sources.UnknownSourceException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ingest --from DIR [--encoding CHARSET]}: loads a canonical source drop; {@code ingest
 * --source NAME}: pulls a source system configured under {@code compliance.sources} and loads what it
 * read (docs/sources.md).
 */
@Command(
        name = "ingest",
        description = "Load the canonical source drop in DIR (docs/formats.md), or pull the configured source NAME.")
final class IngestCommand implements Callable<Integer> {

    @ParentCommand
    ComplianceCommand global;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    /** A drop folder or a configured source: exactly one. */
    static final class Input {
        @Option(names = "--from", required = true, paramLabel = "DIR", description = "the drop folder")
        Path from;

        @Option(
                names = "--source",
                required = true,
                paramLabel = "NAME",
                description = "a source system configured under compliance.sources (docs/sources.md)")
        String source;
    }

    @Option(
            names = "--encoding",
            paramLabel = "CHARSET",
            description = "the files' encoding when not UTF-8, e.g. CP949 or EUC-KR")
    String encoding;

    @Override
    public Integer call() {
        if (input.source != null && encoding != null) {
            throw new ParameterException(
                    spec.commandLine(), "--encoding is for --from: a pulled source is staged in UTF-8");
        }
        Charset charset = charset();
        return AppContext.run(global, context -> {
            long started = System.nanoTime();
            IngestSummary summary = input.source == null
                    ? context.getBean(IngestService.class).ingest(input.from, charset, Duration.ZERO)
                    : pull(context.getBean(SourcePulls.class));
            print(summary, spec.commandLine().getOut());
            Elapsed.print(
                    spec.commandLine().getOut(),
                    "ingest",
                    started,
                    summary.totals().read());
            return summary.rejected() > 0 ? ExitCodes.REJECTED_ROWS : ExitCodes.OK;
        });
    }

    private IngestSummary pull(SourcePulls pulls) {
        PullResult pulled;
        try {
            pulled = pulls.pull(input.source, Duration.ZERO);
        } catch (UnknownSourceException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Pulled source '" + pulled.source() + "' into " + pulled.folder() + ": "
                + pulled.rowsPulled().entrySet().stream()
                        .map(file -> file.getValue() + " row(s) in " + file.getKey())
                        .collect(Collectors.joining(", ")));
        return pulled.ingest();
    }

    private Charset charset() {
        if (encoding == null) {
            return null;
        }
        try {
            return DropEncoding.resolve(encoding);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static void print(IngestSummary summary, PrintWriter out) {
        if (summary.alreadyLoaded()) {
            out.println("These exact files were loaded before (ingest run " + summary.jobExecutionId()
                    + "); nothing changed. Counts of that load:");
        }
        out.printf("%-20s %10s %10s %10s %10s %10s%n", "file", "read", "loaded", "unchanged", "revised", "rejected");
        for (IngestSummary.FileSummary file : summary.files()) {
            row(out, file.fileName(), file.counts());
            if (file.unknownColumns() != null) {
                out.println("  (ignored unknown columns: " + file.unknownColumns() + ")");
            }
        }
        row(out, "total", summary.totals());
        if (summary.rejected() > 0) {
            out.println(summary.rejected() + " row(s) rejected: they are listed with file, line and reason in"
                    + " the pack's rejected-records.csv and data-quality sheet.");
        }
        out.flush();
    }

    private static void row(PrintWriter out, String name, LoadCounts counts) {
        out.printf(
                "%-20s %10d %10d %10d %10d %10d%n",
                name, counts.read(), counts.inserted(), counts.unchanged(), counts.revised(), counts.rejected());
    }
}
