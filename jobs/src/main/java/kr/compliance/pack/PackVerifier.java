package kr.compliance.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks a pack against its manifest without a database: every entry's size, SHA-256 and row
 * count, no entry missing or added, and the pack hash over the manifest and the CSV entries.
 */
public final class PackVerifier {

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

    /** Verifies a pack; a file that is not a zip, or a zip without a readable manifest, is refused. */
    public static Result verify(Path pack) {
        if (!Files.isRegularFile(pack)) {
            throw new PackException(pack + " does not exist or is not a file: give the path of a pack zip");
        }
        try (ZipFile zip = new ZipFile(pack.toFile())) {
            return verify(zip, manifestOf(zip, pack));
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

    private static Result verify(ZipFile zip, PackManifest manifest) {
        Map<String, PackManifest.Entry> listed = new LinkedHashMap<>();
        manifest.entries().forEach(e -> listed.put(e.name(), e));
        for (ZipEntry entry : Collections.list(zip.entries())) {
            String name = entry.getName();
            if (name.equals(PackManifest.NAME)) {
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
