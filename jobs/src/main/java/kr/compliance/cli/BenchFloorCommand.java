package kr.compliance.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import kr.compliance.ingest.RecordKind;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bench-floor --from DIR} (hidden, for scripts/bench): the floor an ingest is measured
 * against, the same files put with the server's own {@code LOAD DATA LOCAL} into bare tables of
 * text columns, no validation, no keys.
 */
@Command(name = "bench-floor", hidden = true, description = "LOAD DATA the drop's files into bare tables and time it.")
final class BenchFloorCommand implements Callable<Integer> {

    @ParentCommand
    ComplianceCommand global;

    @Option(names = "--from", required = true, paramLabel = "DIR")
    Path from;

    @Override
    public Integer call() throws SQLException {
        try (ConfigurableApplicationContext context = AppContext.start(global);
                Connection connection = context.getBean(DataSource.class).getConnection();
                Statement statement = connection.createStatement()) {
            PrintWriter out = new PrintWriter(System.out, true);
            long started = System.nanoTime();
            long rows = 0;
            for (RecordKind kind : RecordKind.values()) {
                Path file = from.resolve(kind.fileName()).toAbsolutePath();
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                String table = "floor_" + kind.name().toLowerCase();
                statement.execute("DROP TABLE IF EXISTS " + table);
                statement.execute("CREATE TABLE " + table + " ("
                        + String.join(
                                ", ",
                                kind.columns().stream()
                                        .map(c -> c.name() + " TEXT")
                                        .toList()) + ")");
                rows += statement.executeUpdate(
                        "LOAD DATA LOCAL INFILE '" + file.toString().replace("'", "''")
                                + "' INTO TABLE " + table + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY ','"
                                + " OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\n' IGNORE 1 LINES");
                statement.execute("DROP TABLE " + table);
            }
            Elapsed.print(out, "floor", started, rows);
            return ExitCodes.OK;
        }
    }
}
