package kr.compliance.cli;

/** The exit codes of {@code docs/cli.md}, so that cron jobs and scripts can act on them. */
public final class ExitCodes {

    /** Done, nothing rejected. */
    public static final int OK = 0;
    /** Failed: the message says what and what to do. */
    public static final int FAILED = 1;
    /** The command line was wrong: usage is printed. */
    public static final int USAGE = 2;
    /** Done, but some input rows were rejected. */
    public static final int REJECTED_ROWS = 3;
    /** {@code verify}: the pack does not match its manifest; {@code verify --chain}: the chain is broken. */
    public static final int PACK_MISMATCH = 4;

    private ExitCodes() {}
}
