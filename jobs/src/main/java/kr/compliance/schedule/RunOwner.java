package kr.compliance.schedule;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The process that runs a requested run: host, process id, and the JVM's start time (a process id
 * is reused, a start time with it is not). Named in the error of a run the process left behind.
 */
record RunOwner(String host, long pid, Instant startedAt) {

    /** This JVM. */
    static RunOwner current() {
        return new RunOwner(
                hostName(),
                ProcessHandle.current().pid(),
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())
                        .truncatedTo(ChronoUnit.MILLIS));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // the same answer Quartz's AUTO instance id would fail on; the pid still tells processes apart
            return "unknown-host";
        }
    }

    /** As an officer reads it: {@code host/pid 1234, started 2026-11-26T01:02:03Z}. */
    String describe() {
        return host + "/pid " + pid + ", started " + startedAt;
    }
}
