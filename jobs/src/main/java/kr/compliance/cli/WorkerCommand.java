package kr.compliance.cli;

import java.util.concurrent.Callable;
import kr.compliance.scoring.ScoringWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code worker}: executes the scoring partitions that managers on any machine put on the shared
 * database's queue, until stopped.
 */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = "Executes scoring partitions for managers sharing the database, until stopped.")
final class WorkerCommand implements Callable<Integer> {

    @ParentCommand
    ComplianceCommand global;

    @Override
    public Integer call() {
        if ((global.dbUrl == null || global.dbUrl.isBlank()) && AppContext.embedded()) {
            throw new IllegalStateException("a worker judges partitions for scoring processes that share its database;"
                    + " name that MySQL database with --db or COMPLIANCE_DB_URL (an embedded home serves one process)");
        }
        try (var context = AppContext.start(global)) {
            var closed = AppContext.closing(context);
            context.getBean(ScoringWorker.class)
                    .work(
                            () -> closed.getCount() == 0,
                            line -> System.out.println("compliance: worker " + line),
                            // no shutdown hooks: the partition has been failed, nothing more may be written
                            () -> {
                                System.out.flush();
                                Runtime.getRuntime().halt(ExitCodes.FAILED);
                            });
        }
        return ExitCodes.OK;
    }
}
