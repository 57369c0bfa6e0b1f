package kr.compliance.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Checks, without a database, that the submitted packs in a folder form one unbroken chain: each
 * pack verifies on its own, and each submission names the manifest SHA-256 of the submission just
 * before it (in submission order), the first naming none. Packs that are not submissions (drafts)
 * are left aside; the same pack twice (a submitted pack made again) counts once.
 */
public final class SubmissionChain {

    private SubmissionChain() {}

    /** A submitted pack: its file, what its manifest says of the submission, its manifest's SHA-256. */
    public record Link(Path file, Submission submission, String manifestSha256) {}

    /**
     * The outcome: the submitted packs in submission order up to the first break; {@code brokenAt}
     * and {@code problem} are null when the chain holds.
     */
    public record Result(List<Link> links, int drafts, Path brokenAt, String problem) {

        public boolean holds() {
            return problem == null;
        }
    }

    /**
     * Verifies the folder's packs and their chain.
     *
     * @param trusted the PEM file of the certificate every pack must be signed by (null: any signer
     *     named by its pack's manifest)
     */
    public static Result verify(Path folder, Path trusted) {
        if (!Files.isDirectory(folder)) {
            throw new PackException(folder + " is not a folder: give the folder of the submitted packs");
        }
        Map<String, Link> submitted = new LinkedHashMap<>();
        int drafts = 0;
        for (Path file : zips(folder)) {
            PackVerifier.Result verified;
            try {
                verified = PackVerifier.verify(file, trusted);
            } catch (PackException notAPack) {
                return new Result(List.of(), drafts, file, notAPack.getMessage());
            }
            if (!verified.matches()) {
                return new Result(
                        List.of(), drafts, file, "does not verify: " + verified.entry() + " " + verified.mismatch());
            }
            Submission submission = verified.manifest().submission();
            if (submission == null) {
                drafts++;
            } else {
                String manifestSha256 = manifestSha256(file);
                submitted.putIfAbsent(manifestSha256, new Link(file, submission, manifestSha256));
            }
        }
        if (submitted.isEmpty()) {
            throw new PackException(folder + " holds no submitted pack (" + drafts + " draft packs)");
        }
        List<Link> inOrder = submitted.values().stream()
                .sorted(Comparator.comparing(link ->
                        OffsetDateTime.parse(link.submission().submittedAt()).toInstant()))
                .toList();
        List<Link> chain = new ArrayList<>();
        for (Link link : inOrder) {
            String expected = chain.isEmpty() ? null : chain.getLast().manifestSha256();
            String named = link.submission().previousManifestSha256();
            if (!Objects.equals(named, expected)) {
                return new Result(chain, drafts, link.file(), breakText(link, named, chain));
            }
            chain.add(link);
        }
        return new Result(chain, drafts, null, null);
    }

    private static String breakText(Link link, String named, List<Link> chain) {
        String what = "(" + link.submission().describe() + ")";
        if (chain.isEmpty()) {
            return what + " follows the manifest " + named
                    + ", which no earlier pack in the folder has: the submission before it is missing";
        }
        Link before = chain.getLast();
        return what + " follows the manifest " + (named == null ? "of no submission" : named) + ", not "
                + before.file().getFileName() + "'s " + before.manifestSha256() + " ("
                + before.submission().describe()
                + ") submitted just before it: a submission between them is missing, or a pack was changed";
    }

    private static List<Path> zips(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".zip") && Files.isRegularFile(file))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String manifestSha256(Path pack) {
        try (ZipFile zip = new ZipFile(pack.toFile());
                InputStream in = zip.getInputStream(zip.getEntry(PackManifest.NAME))) {
            return DigestUtils.sha256Hex(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
