package kr.compliance.cli;

import java.time.ZoneOffset;
import kr.compliance.store.Timestamps;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of command-line values made before anything starts, so a typo exits 2 with the usage. */
final class CommandLineValues {

    private CommandLineValues() {}

    static void asOf(CommandSpec spec, String asOf) {
        if (asOf == null) {
            return;
        }
        try {
            Timestamps.parse(asOf, ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--as-of: " + e.getMessage());
        }
    }
}
