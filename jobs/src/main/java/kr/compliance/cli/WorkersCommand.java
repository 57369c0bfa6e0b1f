package kr.compliance.cli;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import kr.compliance.scoring.WorkerHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code workers}: the scoring workers that share this database and the partition requests
 * waiting for them, for an operator or a monitoring check (docs/deployment.md). A worker silent
 * for longer than {@code compliance.scoring.worker-lost-after} is marked: a manager fails its
 * partition and drops it from the list.
 */
@Command(
        name = "workers",
        mixinStandardHelpOptions = true,
        description = "Shows the scoring workers that share this database, what each is judging, and the"
                + " partition requests no worker has taken yet.")
final class WorkersCommand implements Callable<Integer> {

    private static final String ROW = "%-24s %8s  %-20s  %-10s  %s%n";

    @ParentCommand
    ComplianceCommand global;

    @Override
    public Integer call() {
        try (var context = AppContext.start(global)) {
            WorkerHealth.Now now = context.getBean(WorkerHealth.class).now();
            System.out.printf(
                    "compliance: %d worker%s, %d partition request%s queued%n",
                    now.workers().size(),
                    now.workers().size() == 1 ? "" : "s",
                    now.requestsQueued(),
                    now.requestsQueued() == 1 ? "" : "s");
            if (!now.workers().isEmpty()) {
                System.out.printf(ROW, "HOST", "PID", "STARTED (UTC)", "LAST SEEN", "JUDGING");
            }
            for (WorkerHealth.Worker worker : now.workers()) {
                boolean silent = worker.silentFor().compareTo(now.lostAfter()) > 0;
                System.out.printf(
                        ROW,
                        worker.host(),
                        worker.pid(),
                        worker.startedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                        worker.silentFor().toSeconds() + " s ago",
                        (worker.partition() == null ? "nothing" : worker.partition())
                                + (silent ? "  (SILENT longer than " + now.lostAfter() + ": lost)" : ""));
            }
        }
        return ExitCodes.OK;
    }
}
