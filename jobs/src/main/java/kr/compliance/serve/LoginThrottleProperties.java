package kr.compliance.serve;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When failed logins lock a user name or a client address ({@code compliance.serve.login-throttle.*}).
 *
 * @param userFailures failures of one user name, from any address, within {@code window} that lock it
 * @param addressFailures failures from one client address, for any user names, within {@code window}
 *     that lock it; higher than the user's, as several people may share an address behind a NAT
 * @param window how long failures are counted from the first one
 * @param firstLock how long the first lock lasts; each further lock of the same subject lasts twice the
 *     one before
 * @param maxLock the longest a lock lasts
 * @param forgetAfter a subject with no failure for this long starts afresh (its lock count too)
 */
@ConfigurationProperties("compliance.serve.login-throttle")
record LoginThrottleProperties(
        int userFailures,
        int addressFailures,
        Duration window,
        Duration firstLock,
        Duration maxLock,
        Duration forgetAfter) {

    /** How long the {@code lockout}-th lock of a subject lasts (1 for the first). */
    Duration lockFor(int lockout) {
        Duration lock = firstLock;
        for (int i = 1; i < lockout && lock.compareTo(maxLock) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(maxLock) < 0 ? lock : maxLock;
    }
}
