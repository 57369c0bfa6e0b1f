package kr.compliance.schedule;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** A plain Quartz job that counts its firings in {@code schedule_fire}, naming the scheduler instance that ran it. */
public class CountingJob implements Job {

    static final String JDBC_URL = "jdbcUrl";

    static String createTableSql() {
        return "CREATE TABLE IF NOT EXISTS schedule_fire (trigger_name VARCHAR(190) NOT NULL, "
                + "instance_id VARCHAR(190) NOT NULL, fired_at DATETIME(6) NOT NULL)";
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String url = context.getMergedJobDataMap().getString(JDBC_URL);
        try (var connection = DriverManager.getConnection(url);
                var statement = connection.prepareStatement(
                        "INSERT INTO schedule_fire (trigger_name, instance_id, fired_at) VALUES (?, ?, NOW(6))")) {
            statement.setString(1, context.getTrigger().getKey().getName());
            statement.setString(2, context.getScheduler().getSchedulerInstanceId());
            statement.executeUpdate();
        } catch (SQLException | SchedulerException e) {
            throw new JobExecutionException(e, false);
        }
    }
}
