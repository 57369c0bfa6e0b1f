package kr.compliance.cli;

import kr.compliance.store.Quarter;
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
        // a period is parsed once, here; the commands get a Quarter
        commandLine.registerConverter(Quarter.class, text -> {
            try {
                return Quarter.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
        commandLine.setExecutionExceptionHandler(new OneLineErrors());
        return commandLine.execute(args);
    }
}
