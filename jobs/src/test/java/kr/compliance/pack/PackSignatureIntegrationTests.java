package kr.compliance.pack;

import static kr.compliance.pack.PackFixtures.Q3_END;
import static kr.compliance.pack.PackFixtures.Q3_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.compliance.cli.Launcher;
import kr.compliance.results.ExceptionCoverages;
import kr.compliance.results.RunDiffs;
import kr.compliance.results.ScoringResults;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.Quarter;
import kr.compliance.store.StoreProperties;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The pack's signature: made with the home's self-signed key or a configured keystore, checked by
 * {@code verify} and by the real {@code openssl} running the reviewer's commands of docs/pack.md.
 */
@SpringBootTest
class PackSignatureIntegrationTests {

    static final Path OUT = Path.of("target/pack-signature-tests").toAbsolutePath();
    static final String PACK_NAME = "compliance-pack-2026Q3.zip";
    static final Quarter Q3 = Quarter.parse("2026Q3");

    @Autowired
    DSLContext dsl;

    @Autowired
    PackService packs;

    @Autowired
    PackRepository repository;

    @Autowired
    ScoringResults results;

    @Autowired
    RunDiffs diffs;

    @Autowired
    ExceptionCoverages exceptionCoverages;

    @Autowired
    StoreProperties store;

    @BeforeEach
    void oneScoredQuarter() throws IOException {
        EvidenceTables.clear(dsl);
        PackIntegrationTests.deleteTree(OUT);
        Files.createDirectories(OUT);
        long runId = PackFixtures.run(dsl, "2026Q3", Q3_START, Q3_END, 2, "COMPLETED");
        PackFixtures.score(dsl, runId, "R1", 1, 1, "50.0", "RED");
        PackFixtures.finding(dsl, runId, "R1.1", "CHG-1", "PASS", "pre-test T-1 passed", "CHG-1;T-1", null);
        PackFixtures.finding(dsl, runId, "R1.1", "CHG-2", "FAIL", "no pre-test", "CHG-2", null);
        PackFixtures.change(dsl, "CHG-1", 1, 1, null, "deploy", Instant.parse("2026-07-20T01:00:00Z"));
        PackFixtures.test(dsl, "T-1", "CHG-1", 1, Instant.parse("2026-07-19T01:00:00Z"));
    }

    @Test
    void theHomesSelfSignedKeyIsMadeOnFirstUseForItsOwnerOnlyAndTheCoverSaysSo() throws IOException {
        Path pack = packs.pack(Q3, null, OUT, "en").file();

        Map<String, byte[]> entries = PackIntegrationTests.unzip(pack);
        assertThat(List.copyOf(entries.keySet()).subList(0, 4))
                .containsExactly("manifest.json", "manifest.json.p7s", "signer.pem", "evidence-2026Q3.xlsx");
        Path keys = store.home().resolve("keys");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(keys.resolve(PackSigningKeys.SELF_SIGNED_FILE))))
                .isEqualTo("rw-------");
        try (var files = Files.list(keys)) {
            assertThat(files).as("no half-made key file is left").hasSize(1);
        }
        PackManifest manifest = PackManifest.fromJson(entries.get("manifest.json"));
        var certificate = ManifestSignature.certificate(entries.get("signer.pem"));
        assertThat(manifest.signer())
                .isEqualTo(new PackManifest.Signer(
                        "CN=compliance evidence pack signer (self-signed)",
                        SigningKey.fingerprint(certificate),
                        PackManifest.Signer.SELF_SIGNED));
        try (XSSFWorkbook workbook = PackIntegrationTests.workbook(pack)) {
            var cover = workbook.getSheet("Cover");
            assertThat(cover.getRow(14).getCell(0).getStringCellValue()).isEqualTo("Signed by");
            assertThat(cover.getRow(14).getCell(1).getStringCellValue()).contains(SigningKey.fingerprint(certificate));
            assertThat(cover.getRow(15).getCell(1).getStringCellValue()).startsWith("Self-signed");
        }

        // the second pack signs with the key the first one made
        packs.pack(Q3, null, OUT.resolve("again"), "en");
        assertThat(PackIntegrationTests.unzip(OUT.resolve("again").resolve(PACK_NAME))
                        .get("signer.pem"))
                .isEqualTo(entries.get("signer.pem"));
    }

    @Test
    void openSslAcceptsAnUntouchedPackAndRefusesOneWhoseManifestChangedByOneByte() throws Exception {
        Path pack = packs.pack(Q3, null, OUT, "ko").file();

        Reviewed untouched = reviewWithOpenSsl(pack, OUT.resolve("untouched"));
        assertThat(untouched.exitCode()).as(untouched.output()).isZero();
        assertThat(untouched.output())
                .contains("Verification successful")
                .contains("evidence-2026Q3.xlsx: OK")
                .contains("findings.csv: OK")
                .contains("subject=CN = compliance evidence pack signer (self-signed)")
                .containsIgnoringCase("sha256 Fingerprint=");

        // one byte of a field no entry's hash covers: only the signature can tell
        Map<String, byte[]> entries = PackIntegrationTests.unzip(pack);
        byte[] manifest = entries.get("manifest.json");
        String text = new String(manifest, StandardCharsets.UTF_8);
        int at = text.indexOf("\"asOf\" : \"2026-10-02T0") + "\"asOf\" : \"2026-10-02T0".length();
        assertThat(text.charAt(at)).isEqualTo('9');
        manifest[at] = '8';
        Path tampered = PackIntegrationTests.write(OUT.resolve(PACK_NAME), entries);

        Reviewed refused = reviewWithOpenSsl(tampered, OUT.resolve("tampered"));
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("Verification failure").doesNotContain("Verification successful");
        PackVerifier.Result result = PackVerifier.verify(tampered);
        assertThat(result.entry()).isEqualTo("manifest.json.p7s");
        assertThat(result.mismatch()).contains("the manifest was changed after it was signed");
        assertThat(Launcher.run("verify", tampered.toString())).isEqualTo(4);
    }

    @Test
    void verifyNamesAPackReSignedByAnotherKeyAReplacedCertificateAndAMissingSignature() throws IOException {
        Path pack = packs.pack(Q3, null, OUT, "ko").file();
        Map<String, byte[]> original = PackIntegrationTests.unzip(pack);
        Path trusted = Files.write(OUT.resolve("published-signer.pem"), original.get("signer.pem"));
        assertThat(Launcher.run("verify", pack.toString(), "--trust", trusted.toString()))
                .isZero();
        SigningKey other = PackSigningKeys.selfSigned(OUT.resolve("other-keys"));

        Map<String, byte[]> reSigned = PackIntegrationTests.unzip(pack);
        reSigned.put("manifest.json.p7s", ManifestSignature.sign(reSigned.get("manifest.json"), other));
        reSigned.put("signer.pem", other.certificatePem());
        Path reSignedPack = PackIntegrationTests.write(OUT.resolve("re-signed.zip"), reSigned);
        assertMismatch(reSignedPack, null, "signer.pem", "not the signer the manifest names");
        assertMismatch(reSignedPack, trusted, "signer.pem", "the pack was signed by another key");

        // a forger who also names the new signer in the manifest and recomputes the pack hash makes
        // a consistent pack: only the trusted certificate tells
        PackManifest manifest = PackManifest.fromJson(original.get("manifest.json"));
        PackManifest forged = new PackManifest(
                        manifest.format(),
                        manifest.period(),
                        manifest.zone(),
                        manifest.periodStart(),
                        manifest.periodEnd(),
                        manifest.asOf(),
                        manifest.runId(),
                        manifest.evidenceLoadId(),
                        manifest.policyVersion(),
                        manifest.policySha256(),
                        manifest.toolVersion(),
                        manifest.lang(),
                        other.signer(),
                        manifest.submission(),
                        null,
                        manifest.entries())
                .withPackHash();
        reSigned.put("manifest.json", forged.toJson());
        reSigned.put("manifest.json.p7s", ManifestSignature.sign(forged.toJson(), other));
        Path forgedPack = PackIntegrationTests.write(OUT.resolve("forged.zip"), reSigned);
        assertThat(PackVerifier.verify(forgedPack).matches()).isTrue();
        assertMismatch(forgedPack, trusted, "signer.pem", "the pack was signed by another key");

        Map<String, byte[]> replaced = PackIntegrationTests.unzip(pack);
        replaced.put("signer.pem", other.certificatePem());
        assertMismatch(
                PackIntegrationTests.write(OUT.resolve("replaced.zip"), replaced),
                null,
                "manifest.json.p7s",
                "was made by another key than that of signer.pem");

        for (String removed : List.of("manifest.json.p7s", "signer.pem", "findings.csv")) {
            Map<String, byte[]> less = PackIntegrationTests.unzip(pack);
            less.remove(removed);
            assertMismatch(
                    PackIntegrationTests.write(OUT.resolve("without-" + removed + ".zip"), less),
                    trusted,
                    removed,
                    "missing");
        }
    }

    @Test
    void aConfiguredKeystoreSignsWithItsEcKeyAndTheSignatureKeepsItsBytes() throws Exception {
        Path keystore = ecKeystore(OUT.resolve("company.p12"), "s3cret");
        PackService withKeystore = packService(new PackSigningProperties(keystore, "", "s3cret"));

        byte[] first = Files.readAllBytes(withKeystore.pack(Q3, null, OUT, "en").file());
        Path pack = withKeystore.pack(Q3, null, OUT.resolve("again"), "en").file();
        assertThat(Files.readAllBytes(pack))
                .as("deterministic ECDSA: the same bytes")
                .isEqualTo(first);
        PackVerifier.Result result = PackVerifier.verify(pack);
        assertThat(result.matches()).isTrue();
        assertThat(result.manifest().signer().key()).isEqualTo(PackManifest.Signer.KEYSTORE);
        assertThat(result.manifest().signer().subject()).isEqualTo("CN=Example Telecom evidence");
        Reviewed reviewed = reviewWithOpenSsl(pack, OUT.resolve("keystore"));
        assertThat(reviewed.exitCode()).as(reviewed.output()).isZero();
        try (XSSFWorkbook workbook = PackIntegrationTests.workbook(pack)) {
            assertThat(workbook.getSheet("Cover").getRow(15).getCell(1).getStringCellValue())
                    .startsWith("From the company's keystore");
        }

        assertThatThrownBy(() -> packService(new PackSigningProperties(keystore, "", "wrong"))
                        .pack(Q3, null, OUT, "en"))
                .isInstanceOf(PackException.class)
                .hasMessageStartingWith("the signing keystore " + keystore + " (compliance.pack.signing.keystore)")
                .hasMessageContaining("COMPLIANCE_SIGNING_PASSWORD");
        assertThatThrownBy(() -> packService(new PackSigningProperties(keystore, "nope", "s3cret"))
                        .pack(Q3, null, OUT, "en"))
                .hasMessageContaining("has no key named 'nope'");
    }

    private PackService packService(PackSigningProperties signing) {
        return new PackService(
                repository,
                results,
                diffs,
                exceptionCoverages,
                new PackSigningKeys(signing, store),
                dsl,
                store,
                SheetSeries.EXCEL_MAX_ROWS,
                50_000);
    }

    private static void assertMismatch(Path pack, Path trusted, String entry, String why) {
        PackVerifier.Result result = PackVerifier.verify(pack, trusted);
        assertThat(result.entry()).as(result.mismatch()).isEqualTo(entry);
        assertThat(result.mismatch()).contains(why);
        String[] command = trusted == null
                ? new String[] {"verify", pack.toString()}
                : new String[] {"verify", pack.toString(), "--trust", trusted.toString()};
        assertThat(Launcher.run(command)).isEqualTo(4);
    }

    /** What the reviewer's commands printed, and how they ended. */
    record Reviewed(int exitCode, String output) {}

    /**
     * Runs the block of docs/pack.md marked {@code reviewer-commands} with bash, as a reviewer
     * pastes it, in a folder holding only the pack.
     */
    static Reviewed reviewWithOpenSsl(Path pack, Path folder) throws Exception {
        Files.createDirectories(folder);
        Files.copy(pack, folder.resolve(PACK_NAME));
        ProcessBuilder bash = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", reviewerCommands())
                .directory(folder.toFile())
                .redirectErrorStream(true);
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return new Reviewed(process.exitValue(), output);
    }

    static String reviewerCommands() throws IOException {
        String page = Files.readString(Path.of("../docs/pack.md"));
        Matcher block = Pattern.compile("<!-- reviewer-commands -->\\s*```sh\\n(.*?)```", Pattern.DOTALL)
                .matcher(page);
        assertThat(block.find()).as("docs/pack.md has the reviewer's commands").isTrue();
        return block.group(1);
    }

    /** A company's PKCS#12 keystore with one EC P-256 key and its certificate. */
    private static Path ecKeystore(Path file, String password) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Example Telecom evidence");
        var holder = new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.valueOf(7),
                        Date.from(Instant.now().minusSeconds(60)),
                        Date.from(Instant.now().plusSeconds(86_400)),
                        name,
                        pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        keystore.load(null, null);
        keystore.setKeyEntry("evidence", pair.getPrivate(), password.toCharArray(), new Certificate[] {
            new JcaX509CertificateConverter().getCertificate(holder)
        });
        try (OutputStream out = Files.newOutputStream(file)) {
            keystore.store(out, password.toCharArray());
        }
        return file;
    }
}
