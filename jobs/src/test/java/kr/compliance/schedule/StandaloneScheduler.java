package kr.compliance.schedule;

import java.util.Properties;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;

/**
 * A plain Quartz scheduler on the test database, outside Spring: a second cluster member (in this
 * JVM or another), or a scheduler with a short misfire threshold.
 */
final class StandaloneScheduler {

    private StandaloneScheduler() {}

    static Scheduler create(String schedulerName, String jdbcUrl, String user, String password, long misfireThresholdMs)
            throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", schedulerName);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "1000");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(misfireThresholdMs));
        p.setProperty("org.quartz.jobStore.dataSource", "db");
        p.setProperty("org.quartz.dataSource.db.driver", "com.mysql.cj.jdbc.Driver");
        p.setProperty("org.quartz.dataSource.db.URL", jdbcUrl);
        p.setProperty("org.quartz.dataSource.db.user", user);
        p.setProperty("org.quartz.dataSource.db.password", password);
        p.setProperty("org.quartz.dataSource.db.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.db.maxConnections", "4");
        return new StdSchedulerFactory(p).getScheduler();
    }
}
