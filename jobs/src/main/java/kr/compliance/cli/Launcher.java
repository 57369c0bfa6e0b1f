package kr.compliance.cli;

import picocli.CommandLine;

/** The entry point of {@code scripts/compliance}: parses the command line and exits with its code. */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command and returns its exit code (see {@link ExitCodes}). */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new ComplianceCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(new OneLineErrors());
        return commandLine.execute(args);
    }
}
