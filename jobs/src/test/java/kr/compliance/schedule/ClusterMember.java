package kr.compliance.schedule;

import org.quartz.Scheduler;

/**
 * A second cluster member in its own JVM: starts a {@link StandaloneScheduler} on the database
 * given (URL, user, password), prints "started" and runs until its standard input closes.
 */
public final class ClusterMember {

    private ClusterMember() {}

    public static void main(String[] args) throws Exception {
        Scheduler scheduler = StandaloneScheduler.create(args[0], args[1], args[2], args[3], 60_000);
        scheduler.start();
        System.out.println("started " + scheduler.getSchedulerInstanceId());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes our input
        }
        scheduler.shutdown(true);
    }
}
