package kr.compliance.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import kr.compliance.generate.DropGenerator;
import kr.compliance.store.Quarter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code generate --out DIR --changes N [--seed S] [--period P]}: a synthetic drop; no database. */
@Command(
        name = "generate",
        description = "Write a realistic synthetic source drop of that size; the same arguments give the same bytes.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write the drop into")
    Path out;

    @Option(names = "--changes", required = true, paramLabel = "N", description = "how many changes")
    long changes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "the random seed (default 1)")
    long seed;

    @Option(
            names = "--period",
            paramLabel = "PERIOD",
            defaultValue = "2026Q3",
            description = "the quarter (default 2026Q3)")
    Quarter period;

    @Override
    public Integer call() {
        if (changes < 0) {
            throw new ParameterException(spec.commandLine(), "--changes must be 0 or more");
        }
        ZoneId seoul = ZoneId.of("Asia/Seoul");
        long started = System.nanoTime();
        DropGenerator.Counts counts =
                new DropGenerator(seed, period.start(seoul), period.end(seoul)).write(out, changes);
        spec.commandLine()
                .getOut()
                .printf(
                        "Wrote %s: %d changes, %d tests, %d incidents, %d notifications, %d postmortems, %d action items,"
                                + " %d runbooks, %d exceptions%n",
                        out,
                        counts.changes(),
                        counts.tests(),
                        counts.incidents(),
                        counts.notifications(),
                        counts.postmortems(),
                        counts.actionItems(),
                        counts.runbooks(),
                        counts.exceptions());
        long rows = counts.changes()
                + counts.tests()
                + counts.incidents()
                + counts.notifications()
                + counts.postmortems()
                + counts.actionItems()
                + counts.runbooks()
                + counts.exceptions();
        Elapsed.print(spec.commandLine().getOut(), "generate", started, rows);
        return ExitCodes.OK;
    }
}
