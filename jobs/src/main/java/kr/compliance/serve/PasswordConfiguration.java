package kr.compliance.serve;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing, for {@code user add} and for the server alike. BCrypt at cost 12 (about a
 * quarter of a second per check here): well studied, built into Spring Security without another
 * library, and the cost is kept in each hash, so it can be raised later without locking anyone out.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    static final int BCRYPT_COST = 12;

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(BCRYPT_COST);
    }
}
