package kr.compliance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import kr.compliance.generate.DropGenerator;
import kr.compliance.ingest.IngestService;
import kr.compliance.ingest.RecordKind;
import kr.compliance.store.Quarter;
import kr.compliance.store.StoreProperties;
import kr.compliance.store.Timestamps;
import kr.compliance.store.Zones;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the bundled sample, end to end, into {@code ./out}. The sample tells the three
 * outages of the background (with every control passing, failing, an exception and a pending
 * case; see {@code sample-drop/README.md}); a generated quarter of 200 more changes around it makes
 * the pack look like a real one. Scored as of a fixed instant, so the demo always shows the same.
 */
@Command(name = "demo", description = "Run the bundled sample end to end into ./out and print the six scores.")
final class DemoCommand implements Callable<Integer> {

    static final String PERIOD = "2026Q3";
    static final String AS_OF = "2026-10-05T09:00:00+09:00";
    static final int GENERATED_CHANGES = 200;
    static final long SEED = 2026;

    @ParentCommand
    ComplianceCommand global;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--out",
            defaultValue = "out",
            paramLabel = "DIR",
            description = "where the pack goes (default ./out)")
    Path out;

    @Mixin
    PackLanguage language;

    @Override
    public Integer call() {
        return AppContext.run(global, context -> {
            PrintWriter console = spec.commandLine().getOut();
            Zones zones = context.getBean(Zones.class);
            Quarter period = Quarter.parse(PERIOD);
            Path demo = context.getBean(StoreProperties.class).home().resolve("demo");
            Path story = copySample(demo.resolve("three-outages"));
            Path generated = demo.resolve("generated-" + GENERATED_CHANGES);
            new DropGenerator(SEED, period.start(zones.report()), period.end(zones.report()))
                    .write(generated, GENERATED_CHANGES);
            IngestService ingest = context.getBean(IngestService.class);
            for (Path drop : new Path[] {story, generated}) {
                console.println("Loading " + drop);
                IngestCommand.print(ingest.ingest(drop, null, Duration.ZERO), console);
            }
            RunCommand.scoreAndPack(
                    context, period, Timestamps.parse(AS_OF, zones.report()), out, language.code(), console);
            return ExitCodes.OK;
        });
    }

    private static Path copySample(Path folder) {
        try {
            Files.createDirectories(folder);
            for (RecordKind kind : RecordKind.values()) {
                try (InputStream sample = DemoCommand.class.getResourceAsStream("/sample-drop/" + kind.fileName())) {
                    if (sample != null) {
                        Files.copy(sample, folder.resolve(kind.fileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the sample drop to " + folder + ": " + e.getMessage(), e);
        }
    }
}
