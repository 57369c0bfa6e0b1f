package kr.compliance.pack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code manifest.json}: what the pack is and, for every other entry, its size, SHA-256 and
 * number of rows (data rows of a CSV; rows of all sheets of the workbook, headers included).
 *
 * @param submission what the pack was submitted as; null for a run never submitted (a draft)
 * @param packHash SHA-256 over the lines of {@link #packHashText()}: the manifest's fields and
 *     every CSV entry's digest; shown on the workbook's cover and stored in its properties, so
 *     the workbook and the machine-readable entries vouch for each other
 */
public record PackManifest(
        String format,
        String period,
        String zone,
        String periodStart,
        String periodEnd,
        String asOf,
        long runId,
        long evidenceLoadId,
        String policyVersion,
        String policySha256,
        String toolVersion,
        String lang,
        Signer signer,
        Submission submission,
        String packHash,
        List<Entry> entries) {

    public static final String NAME = "manifest.json";
    /** Format 2: signed ({@code manifest.json.p7s}, {@code signer.pem}), the signer named here. */
    static final String FORMAT = "compliance-evidence-pack/2";

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    static final JsonMapper COMPACT_JSON = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    /** One entry of the pack besides the manifest. */
    public record Entry(String name, long size, String sha256, long rows) {

        boolean isWorkbook() {
            return name.endsWith(".xlsx");
        }
    }

    /**
     * Who signed the manifest: the certificate's subject and SHA-256 fingerprint (of its DER bytes),
     * and whether the key is the installation's own self-signed one or a configured keystore's.
     */
    public record Signer(String subject, String certificateSha256, String key) {

        static final String SELF_SIGNED = "SELF_SIGNED";
        static final String KEYSTORE = "KEYSTORE";

        boolean selfSigned() {
            return SELF_SIGNED.equals(key);
        }
    }

    /** Data rows of the CSV entries: the records the pack holds (the workbook shows them again). */
    long csvRows() {
        return entries.stream()
                .filter(entry -> !entry.isWorkbook())
                .mapToLong(Entry::rows)
                .sum();
    }

    PackManifest withPackHash() {
        return new PackManifest(
                format,
                period,
                zone,
                periodStart,
                periodEnd,
                asOf,
                runId,
                evidenceLoadId,
                policyVersion,
                policySha256,
                toolVersion,
                lang,
                signer,
                submission,
                sha256Hex(packHashText()),
                entries);
    }

    /** The text the pack hash is taken over: every field but the hash, and the CSV entries. */
    String packHashText() {
        StringBuilder text = new StringBuilder();
        for (String field : List.of(
                format,
                period,
                zone,
                periodStart,
                periodEnd,
                asOf,
                Long.toString(runId),
                Long.toString(evidenceLoadId),
                policyVersion,
                policySha256,
                toolVersion,
                lang,
                signer.subject(),
                signer.certificateSha256(),
                signer.key())) {
            text.append(field).append('\n');
        }
        if (submission != null) {
            // one line, JSON-escaped: a reason may hold line breaks
            text.append("submission ")
                    .append(COMPACT_JSON.writeValueAsString(submission))
                    .append('\n');
        }
        for (Entry entry : entries) {
            if (!entry.isWorkbook()) {
                text.append(entry.sha256())
                        .append("  ")
                        .append(entry.name())
                        .append("  ")
                        .append(entry.size())
                        .append("  ")
                        .append(entry.rows())
                        .append('\n');
            }
        }
        return text.toString();
    }

    byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }

    static PackManifest fromJson(byte[] json) {
        return JSON.readValue(json, PackManifest.class);
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        return DigestUtils.getSha256Digest();
    }
}
