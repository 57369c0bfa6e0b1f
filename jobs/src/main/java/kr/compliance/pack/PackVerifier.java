package kr.compliance.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Checks a pack against its manifest without a database: the manifest's signature and its signer's
 * certificate, every entry's size, SHA-256 and row count, no entry missing or added, and the pack
 * hash over the manifest and the CSV entries.
 */
public final class PackVerifier {

    /** The entries the manifest cannot list: itself, its signature and the signer's certificate. */
    private static final Set<String> SIGNED_ENTRIES =
            Set.of(PackManifest.NAME, ManifestSignature.SIGNATURE, ManifestSignature.CERTIFICATE);

    private static final String UNSIGNED_FORMAT = "compliance-evidence-pack/1";

    private PackVerifier() {}

    /**
     * The outcome: {@code mismatch} is null when everything matched, else the first entry that did
     * not and why.
     */
    public record Result(PackManifest manifest, String entry, String mismatch) {

        public boolean matches() {
            return mismatch == null;
        }
    }

    /** Verifies a pack, its signer unchecked against any trusted certificate. */
    public static Result verify(Path pack) {
        return verify(pack, null);
    }

    /**
     * Verifies a pack; a file that is not a zip, or a zip without a readable manifest, is refused.
     *
     * @param trusted the PEM file of the certificate the pack must be signed by (null: any signer
     *     whose certificate is in the pack and named by its manifest)
     */
    public static Result verify(Path pack, Path trusted) {
        X509CertificateHolder trustedCertificate = trusted == null ? null : trustedCertificate(trusted);
        if (!Files.isRegularFile(pack)) {
            throw new PackException(pack + " does not exist or is not a file: give the path of a pack zip");
        }
        try (ZipFile zip = new ZipFile(pack.toFile())) {
            PackManifest manifest = manifestOf(zip, pack);
            Result signature = signature(zip, manifest, trustedCertificate);
            return signature.matches() ? verify(zip, manifest) : signature;
        } catch (ZipException e) {
            throw new PackException(pack + " is not a zip file, so it is not an evidence pack");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PackManifest manifestOf(ZipFile zip, Path pack) throws IOException {
        ZipEntry entry = zip.getEntry(PackManifest.NAME);
        if (entry == null) {
            throw new PackException(pack + " has no " + PackManifest.NAME + ", so it is not an evidence pack");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            PackManifest manifest = PackManifest.fromJson(in.readAllBytes());
            if (manifest != null && UNSIGNED_FORMAT.equals(manifest.format())) {
                throw new PackException(pack + " is a pack of format " + UNSIGNED_FORMAT
                        + ", made before packs were signed: this version checks signed packs ("
                        + PackManifest.FORMAT + ") only");
            }
            if (manifest == null || manifest.entries() == null || !PackManifest.FORMAT.equals(manifest.format())) {
                throw new PackException(
                        pack + " has a " + PackManifest.NAME + " that is not an evidence pack manifest");
            }
            return manifest;
        } catch (RuntimeException e) {
            if (e instanceof PackException) {
                throw e;
            }
            throw new PackException(
                    pack + " has a " + PackManifest.NAME + " that cannot be read: " + e.getMessage(), e);
        }
    }

    private static X509CertificateHolder trustedCertificate(Path file) {
        try {
            X509CertificateHolder certificate = ManifestSignature.certificate(Files.readAllBytes(file));
            if (certificate == null) {
                throw new PackException(file + " holds no single PEM certificate to trust");
            }
            return certificate;
        } catch (IOException e) {
            throw new PackException("cannot read the trusted certificate " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The signature first: a manifest that is not the one signed vouches for nothing. Then the
     * certificate: the trusted one when one is given, and the one the manifest names.
     */
    private static Result signature(ZipFile zip, PackManifest manifest, X509CertificateHolder trusted)
            throws IOException {
        byte[] signature = bytes(zip, ManifestSignature.SIGNATURE);
        if (signature == null) {
            return new Result(manifest, ManifestSignature.SIGNATURE, "is missing: the manifest is not signed");
        }
        byte[] pem = bytes(zip, ManifestSignature.CERTIFICATE);
        if (pem == null) {
            return new Result(manifest, ManifestSignature.CERTIFICATE, "is missing: the signer is unknown");
        }
        X509CertificateHolder certificate = ManifestSignature.certificate(pem);
        if (certificate == null) {
            return new Result(manifest, ManifestSignature.CERTIFICATE, "holds no single PEM certificate");
        }
        String problem = ManifestSignature.problem(bytes(zip, PackManifest.NAME), signature, certificate);
        if (problem != null) {
            return new Result(manifest, ManifestSignature.SIGNATURE, problem);
        }
        String fingerprint = SigningKey.fingerprint(certificate);
        if (trusted != null && !trusted.equals(certificate)) {
            return new Result(
                    manifest,
                    ManifestSignature.CERTIFICATE,
                    "is the certificate " + fingerprint + " (" + certificate.getSubject()
                            + "), not the trusted one " + SigningKey.fingerprint(trusted) + " (" + trusted.getSubject()
                            + "): the pack was signed by another key");
        }
        if (manifest.signer() == null || !fingerprint.equals(manifest.signer().certificateSha256())) {
            return new Result(
                    manifest,
                    ManifestSignature.CERTIFICATE,
                    "is the certificate " + fingerprint + " (" + certificate.getSubject()
                            + "), not the signer the manifest names ("
                            + (manifest.signer() == null
                                    ? "none"
                                    : manifest.signer().certificateSha256()) + ")");
        }
        return new Result(manifest, null, null);
    }

    private static byte[] bytes(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static Result verify(ZipFile zip, PackManifest manifest) {
        Map<String, PackManifest.Entry> listed = new LinkedHashMap<>();
        manifest.entries().forEach(e -> listed.put(e.name(), e));
        for (ZipEntry entry : Collections.list(zip.entries())) {
            String name = entry.getName();
            if (SIGNED_ENTRIES.contains(name)) {
                continue;
            }
            PackManifest.Entry expected = listed.remove(name);
            if (expected == null) {
                return new Result(manifest, name, "is in the zip but not in the manifest");
            }
            PackManifest.Entry actual = EntryDigest.of(name, () -> zip.getInputStream(entry));
            if (actual.size() != expected.size() || !actual.sha256().equals(expected.sha256())) {
                return new Result(
                        manifest,
                        name,
                        "SHA-256 " + actual.sha256() + " (" + actual.size() + " bytes) differs from the manifest's "
                                + expected.sha256() + " (" + expected.size() + " bytes)");
            }
            if (actual.rows() != expected.rows()) {
                return new Result(
                        manifest, name, actual.rows() + " rows differ from the manifest's " + expected.rows());
            }
        }
        if (!listed.isEmpty()) {
            String missing = listed.keySet().iterator().next();
            return new Result(manifest, missing, "is in the manifest but missing from the zip");
        }
        String packHash = manifest.withPackHash().packHash();
        if (!packHash.equals(manifest.packHash())) {
            return new Result(
                    manifest,
                    PackManifest.NAME,
                    "pack hash " + manifest.packHash() + " does not match its fields and entries (" + packHash + ")");
        }
        return new Result(manifest, null, null);
    }
}
