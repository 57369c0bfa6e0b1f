package kr.compliance.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.Callable;
import kr.compliance.store.EmbeddedMariaDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code database}: keeps the home's embedded database running, migrated, for other processes on
 * this machine ({@code worker}s, commands started side by side), until stopped. It prints the
 * three variables they need; the password stays in its file, which only the home's owner reads.
 */
@Command(
        name = "database",
        mixinStandardHelpOptions = true,
        description = "Keeps the home's embedded database running for other processes on this machine"
                + " (workers, commands), until stopped; prints what they need to reach it.")
final class DatabaseCommand implements Callable<Integer> {

    @ParentCommand
    ComplianceCommand global;

    @Override
    public Integer call() throws InterruptedException {
        if ((global.dbUrl != null && !global.dbUrl.isBlank()) || !AppContext.embedded()) {
            throw new IllegalStateException("the database named by --db or COMPLIANCE_DB_URL is a server already:"
                    + " give the other processes its URL and account; this command shares the home's embedded one");
        }
        EmbeddedMariaDb.requireHomeFree(AppContext.home());
        try (var context = AppContext.start(global)) {
            var stopped = AppContext.closing(context);
            HikariDataSource pool = context.getBean(HikariDataSource.class);
            System.out.println("compliance: the home's database is open to this machine's processes until this"
                    + " command stops (Ctrl-C); in their shell:");
            System.out.println("export COMPLIANCE_DB_URL=" + quoted(pool.getJdbcUrl()));
            System.out.println("export COMPLIANCE_DB_USER=" + quoted(pool.getUsername()));
            System.out.println("export COMPLIANCE_DB_PASSWORD=\"$(cat "
                    + quoted(EmbeddedMariaDb.credentialsFile(AppContext.home()).toString()) + ")\"");
            stopped.await();
        }
        return ExitCodes.OK;
    }

    /** A value as a POSIX shell reads it back unchanged. */
    private static String quoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
