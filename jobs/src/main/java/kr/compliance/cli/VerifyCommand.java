package kr.compliance.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kr.compliance.pack.PackManifest;
import kr.compliance.pack.PackVerifier;
import kr.compliance.pack.Submission;
import kr.compliance.pack.SubmissionChain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verify PACK.zip}: recomputes the manifest's hashes and row counts; {@code verify --chain
 * DIR}: the submitted packs of a folder form one chain. No database needed.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Check the signature of an evidence pack and every entry against its manifest, or with --chain"
                + " that the submitted packs of a folder form an unbroken chain (exit 0: all match, 4: not).")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PACK.zip", description = "the evidence pack to check")
    Path pack;

    @Option(
            names = "--chain",
            paramLabel = "DIR",
            description = "check that the submitted packs in DIR form an unbroken chain, in submission order")
    Path chain;

    @Option(
            names = "--trust",
            paramLabel = "CERT.pem",
            description = "the certificate the pack (with --chain: every pack) must be signed by (default: any,"
                    + " named by its manifest)")
    Path trusted;

    @Override
    public Integer call() {
        if ((pack == null) == (chain == null)) {
            throw new ParameterException(spec.commandLine(), "give either PACK.zip or --chain DIR");
        }
        if (chain != null) {
            return verifyChain();
        }
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
            Submission submission = result.manifest().submission();
            System.out.println(
                    submission == null
                            ? "a DRAFT: its run was not submitted"
                            : "the submission of " + submission.describe());
            return ExitCodes.OK;
        }
        System.err.println("compliance: mismatch: " + result.entry() + " " + result.mismatch());
        return ExitCodes.PACK_MISMATCH;
    }

    private int verifyChain() {
        SubmissionChain.Result result = SubmissionChain.verify(chain, trusted);
        if (!result.holds()) {
            System.err.println("compliance: mismatch: " + result.brokenAt() + " " + result.problem());
            return ExitCodes.PACK_MISMATCH;
        }
        List<SubmissionChain.Link> links = result.links();
        System.out.println("ok: " + chain + " holds an unbroken chain of " + links.size() + " submitted packs, from "
                + links.getFirst().submission().describe() + " to "
                + links.getLast().submission().describe()
                + (result.drafts() == 0 ? "" : " (" + result.drafts() + " draft packs left aside)"));
        return ExitCodes.OK;
    }
}
