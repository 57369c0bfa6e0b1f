package kr.compliance.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kr.compliance.pack.PackVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code verify PACK.zip}: recomputes the manifest's hashes and row counts; no database needed. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Check every entry of an evidence pack against its manifest (exit 0: all match, 4: not).")
final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PACK.zip", description = "the evidence pack to check")
    Path pack;

    @Override
    public Integer call() {
        PackVerifier.Result result = PackVerifier.verify(pack);
        if (result.matches()) {
            System.out.println("ok: " + pack + " matches its manifest ("
                    + result.manifest().entries().size() + " entries, period "
                    + result.manifest().period() + ", pack hash "
                    + result.manifest().packHash() + ")");
            return ExitCodes.OK;
        }
        System.err.println("compliance: mismatch: " + result.entry() + " " + result.mismatch());
        return ExitCodes.PACK_MISMATCH;
    }
}
