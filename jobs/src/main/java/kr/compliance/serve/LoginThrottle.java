package kr.compliance.serve;

import static kr.compliance.store.jooq.Tables.LOGIN_THROTTLE;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import kr.compliance.schedule.AdminAlerts;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The brake on password guessing: failed logins are counted per user name and per client address in
 * {@code login_throttle}, shared by every server on the database; enough of them within the window
 * lock that name or address for a delay that doubles with each lock. While locked, every attempt is
 * refused before its password is checked, the right one included.
 */
@Service
class LoginThrottle {

    enum Scope {
        USER,
        ADDRESS
    }

    /** A subject that has been locked at least once since it was last forgotten. */
    record Lockout(
            Scope scope,
            String subject,
            int lockouts,
            Instant lockedAt,
            Instant lockedUntil,
            boolean locked,
            Instant lastFailureAt,
            String lastAddress) {}

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int MAX_SUBJECT = 100;

    private final DSLContext dsl;
    private final LoginThrottleProperties properties;
    private final AdminAlerts alerts;

    LoginThrottle(DSLContext dsl, LoginThrottleProperties properties, AdminAlerts alerts) {
        this.dsl = dsl;
        this.properties = properties;
        this.alerts = alerts;
    }

    /** How long an attempt as {@code user} from {@code address} must wait; empty when it may be checked. */
    Optional<Duration> waitBefore(String user, String address) {
        Instant now = Instant.now();
        Instant until = dsl.select(DSL.max(LOGIN_THROTTLE.LOCKED_UNTIL))
                .from(LOGIN_THROTTLE)
                .where(is(Scope.USER, user).or(is(Scope.ADDRESS, address)))
                .and(LOGIN_THROTTLE.LOCKED_UNTIL.gt(now))
                .fetchOne(0, Instant.class);
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    /** Counts a wrong password (or unknown user) against both the name and the address. */
    void failed(String user, String address) {
        Instant now = Instant.now();
        // always the USER row before the ADDRESS row, so two failures never wait on each other crosswise
        dsl.transaction(tx -> {
            count(tx.dsl(), Scope.USER, user, address, properties.userFailures(), now);
            count(tx.dsl(), Scope.ADDRESS, address, address, properties.addressFailures(), now);
        });
        // on its own, so the range it locks is never held together with the rows counted above
        dsl.deleteFrom(LOGIN_THROTTLE)
                .where(LOGIN_THROTTLE.LAST_FAILURE_AT.lt(now.minus(properties.forgetAfter())))
                .and(LOGIN_THROTTLE.LOCKED_UNTIL.isNull().or(LOGIN_THROTTLE.LOCKED_UNTIL.lt(now)))
                .execute();
    }

    /**
     * The user proved its password: its count starts afresh. The address keeps its count, or an
     * account holder could clear the count of the address it guesses others' passwords from.
     */
    void succeeded(String user) {
        dsl.deleteFrom(LOGIN_THROTTLE)
                .where(is(Scope.USER, user))
                .and(LOGIN_THROTTLE.LOCKED_UNTIL.isNull().or(LOGIN_THROTTLE.LOCKED_UNTIL.le(Instant.now())))
                .execute();
    }

    /** Every subject locked since it was last forgotten, the latest lock first. */
    List<Lockout> lockouts() {
        Instant now = Instant.now();
        return dsl.selectFrom(LOGIN_THROTTLE)
                .where(LOGIN_THROTTLE.LOCKOUTS.gt(0))
                .orderBy(LOGIN_THROTTLE.LOCKED_AT.desc())
                .fetch(r -> new Lockout(
                        Scope.valueOf(r.getScope()),
                        r.getSubject(),
                        r.getLockouts(),
                        r.getLockedAt(),
                        r.getLockedUntil(),
                        r.getLockedUntil() != null && r.getLockedUntil().isAfter(now),
                        r.getLastFailureAt(),
                        r.getLastAddress()));
    }

    private void count(DSLContext tx, Scope scope, String rawSubject, String address, int limit, Instant now) {
        String subject = subject(rawSubject);
        tx.insertInto(LOGIN_THROTTLE)
                .set(LOGIN_THROTTLE.SCOPE, scope.name())
                .set(LOGIN_THROTTLE.SUBJECT, subject)
                .set(LOGIN_THROTTLE.FAILURES, 0)
                .set(LOGIN_THROTTLE.WINDOW_STARTED_AT, now)
                .set(LOGIN_THROTTLE.LOCKOUTS, 0)
                .set(LOGIN_THROTTLE.LAST_FAILURE_AT, now)
                .set(LOGIN_THROTTLE.LAST_ADDRESS, subject(address))
                .onDuplicateKeyIgnore()
                .execute();
        var row = tx.selectFrom(LOGIN_THROTTLE)
                .where(is(scope, subject))
                .forUpdate()
                .fetchSingle();
        if (!row.getWindowStartedAt().plus(properties.window()).isAfter(now)) {
            row.setFailures(0);
            row.setWindowStartedAt(now);
        }
        row.setFailures(row.getFailures() + 1);
        row.setLastFailureAt(now);
        row.setLastAddress(subject(address));
        if (row.getFailures() >= limit) {
            row.setLockouts(row.getLockouts() + 1);
            row.setLockedAt(now);
            row.setLockedUntil(now.plus(properties.lockFor(row.getLockouts())));
            // a name tried may hold line breaks: no forged log lines or alert lines
            String locked =
                    "login locked: %s '%s' after %d failed logins (the last from %s), refused until %s (lock %d)"
                            .formatted(
                                    scope.name().toLowerCase(Locale.ROOT),
                                    subject.replaceAll("\\p{Cntrl}", "?"),
                                    row.getFailures(),
                                    address,
                                    row.getLockedUntil(),
                                    row.getLockouts());
            log.warn(locked);
            alerts.send("compliance: " + locked + "; ADMINs see every lock at GET /api/lockouts");
            row.setFailures(0);
            row.setWindowStartedAt(now);
        }
        row.update();
    }

    private static Condition is(Scope scope, String subject) {
        return LOGIN_THROTTLE.SCOPE.eq(scope.name()).and(LOGIN_THROTTLE.SUBJECT.eq(subject(subject)));
    }

    /** No user name or address is longer than 100 characters: a longer name tried is cut, it matches nobody. */
    private static String subject(String subject) {
        return subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
    }
}
