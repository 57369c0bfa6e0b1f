package kr.compliance.cli;

import java.io.PrintWriter;

/** The closing line of a long command: how long its work took, without the start-up (scripts/bench reads it). */
final class Elapsed {

    private Elapsed() {}

    /** Prints {@code "<stage> took 12.3 s (45,678 rows/s)"}; rows below zero are not rated. */
    static void print(PrintWriter out, String stage, long startedNanos, long rows) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        out.printf(
                "%s took %.1f s%s%n",
                stage, seconds, rows < 0 ? "" : String.format(" (%,.0f rows/s)", rows / Math.max(seconds, 1e-9)));
        out.flush();
    }
}
