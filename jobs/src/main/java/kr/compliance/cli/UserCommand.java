package kr.compliance.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import kr.compliance.serve.Role;
import kr.compliance.serve.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code user add NAME --role ROLE}: the password comes from standard input and is never echoed. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manages the users of the API and pages.")
final class UserCommand {

    @ParentCommand
    ComplianceCommand global;

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Adds a user; the password is read from standard input.")
    int add(
            @Parameters(paramLabel = "NAME", description = "the user name") String name,
            @Option(
                            names = "--role",
                            required = true,
                            paramLabel = "AUDITOR|OFFICER|ADMIN",
                            description = "the user's role")
                    Role role,
            @Option(names = "--update", description = "replace the password and role of an existing user")
                    boolean update)
            throws IOException {
        char[] password = readPassword();
        try (var context = AppContext.start(global)) {
            context.getBean(Users.class).add(name, role, password, update);
        } finally {
            Arrays.fill(password, '\0');
        }
        System.out.println("compliance: user '" + name + "' " + (update ? "saved" : "added") + " as " + role);
        return ExitCodes.OK;
    }

    /** From the terminal without echo; from a pipe, its first line. */
    private static char[] readPassword() throws IOException {
        Console console = System.console();
        if (console != null && isTerminal(console)) {
            char[] password = console.readPassword("password: ");
            return password == null ? new char[0] : password;
        }
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        return line == null ? new char[0] : line.toCharArray();
    }

    /**
     * On Java 22 and later {@code System.console()} exists even in a pipe, and only
     * {@code Console.isTerminal()} tells; on 21 a console is always a terminal.
     */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot tell whether standard input is a terminal", e);
        }
    }
}
