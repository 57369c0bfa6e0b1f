package kr.compliance.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kr.compliance.pack.PackManifest;
import kr.compliance.pack.PackVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code verify PACK.zip}: recomputes the manifest's hashes and row counts; no database needed. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description =
                "Check the signature of an evidence pack and every entry against its manifest (exit 0: all match, 4: not).")
final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PACK.zip", description = "the evidence pack to check")
    Path pack;

    @Option(
            names = "--trust",
            paramLabel = "CERT.pem",
            description = "the certificate the pack must be signed by (default: any, named by its manifest)")
    Path trusted;

    @Override
    public Integer call() {
        PackVerifier.Result result = PackVerifier.verify(pack, trusted);
        if (result.matches()) {
            System.out.println("ok: " + pack + " matches its manifest ("
                    + result.manifest().entries().size() + " entries, period "
                    + result.manifest().period() + ", pack hash "
                    + result.manifest().packHash() + ")");
            PackManifest.Signer signer = result.manifest().signer();
            System.out.println("signed by " + signer.subject() + ", certificate SHA-256 " + signer.certificateSha256()
                    + (trusted == null
                            ? " (compare it with the published one, or give --trust CERT.pem)"
                            : " (trusted)"));
            return ExitCodes.OK;
        }
        System.err.println("compliance: mismatch: " + result.entry() + " " + result.mismatch());
        return ExitCodes.PACK_MISMATCH;
    }
}
