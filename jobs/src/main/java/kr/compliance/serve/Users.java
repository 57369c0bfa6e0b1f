package kr.compliance.serve;

import static kr.compliance.store.jooq.Tables.APP_USER;

import java.time.Instant;
import org.jooq.DSLContext;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** The users of the API and pages, stored in {@code app_user} with a BCrypt hash of their password. */
@Service
public class Users implements UserDetailsService {

    private final DSLContext dsl;
    private final PasswordEncoder passwordEncoder;

    Users(DSLContext dsl, PasswordEncoder passwordEncoder) {
        this.dsl = dsl;
        this.passwordEncoder = passwordEncoder;
    }

    /**
     * Adds a user, or with {@code update} replaces the password and role of an existing one.
     *
     * @throws UserExistsException when the user exists and {@code update} is false
     */
    public void add(String name, Role role, char[] password, boolean update) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidUserException("a user name is 1 to 100 characters");
        }
        if (password.length < 8) {
            throw new InvalidUserException("a password has at least 8 characters");
        }
        String hash = passwordEncoder.encode(java.nio.CharBuffer.wrap(password));
        dsl.transaction(tx -> {
            boolean exists = tx.dsl().fetchExists(APP_USER, APP_USER.USERNAME.eq(name));
            if (exists && !update) {
                throw new UserExistsException(name);
            }
            if (exists) {
                tx.dsl()
                        .update(APP_USER)
                        .set(APP_USER.PASSWORD_HASH, hash)
                        .set(APP_USER.ROLE, role.name())
                        .where(APP_USER.USERNAME.eq(name))
                        .execute();
            } else {
                tx.dsl()
                        .insertInto(APP_USER)
                        .set(APP_USER.USERNAME, name)
                        .set(APP_USER.PASSWORD_HASH, hash)
                        .set(APP_USER.ROLE, role.name())
                        .set(APP_USER.CREATED_AT, Instant.now())
                        .execute();
            }
        });
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var user =
                dsl.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOne();
        if (user == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return User.withUsername(user.getUsername())
                .password(user.getPasswordHash())
                .roles(user.getRole())
                .build();
    }

    /** The user already exists and {@code --update} was not given. */
    public static final class UserExistsException extends RuntimeException {
        UserExistsException(String name) {
            super("the user '" + name + "' exists already; add --update to replace its password and role");
        }
    }

    /** A user name or password that cannot be stored. */
    public static final class InvalidUserException extends RuntimeException {
        InvalidUserException(String message) {
            super(message);
        }
    }
}
