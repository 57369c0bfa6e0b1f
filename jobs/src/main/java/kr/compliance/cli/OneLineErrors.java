package kr.compliance.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A failed command prints one readable line on standard error and exits 1; the stack trace only
 * with {@code --debug}. The line is the message of a failure that is ours, so a
 * Spring wrapper around "the embedded database is in use" still reads as that. The outermost of
 * ours wins: it knows most (a lost database explains the load that then could not start).
 */
final class OneLineErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        if (isDebug(parseResult)) {
            failure.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().println("compliance: error: " + messageOf(failure));
        return ExitCodes.FAILED;
    }

    private static boolean isDebug(ParseResult parseResult) {
        return parseResult.hasMatchedOption("--debug")
                || (parseResult.hasSubcommand() && parseResult.subcommand().hasMatchedOption("--debug"));
    }

    static String messageOf(Throwable failure) {
        Throwable ours = null;
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (ours == null && t.getClass().getName().startsWith("kr.compliance.") && t.getMessage() != null) {
                ours = t;
            }
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        Throwable chosen = ours != null ? ours : deepest;
        String message = chosen.getMessage() != null
                ? chosen.getMessage()
                : chosen.getClass().getSimpleName();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
