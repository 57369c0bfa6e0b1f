package kr.compliance.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import kr.compliance.store.StoreProperties;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.stereotype.Component;

/**
 * Finds the key packs are signed with: the configured PKCS#12 keystore, else the home's own
 * self-signed key ({@code $COMPLIANCE_HOME/keys/pack-signing.pem}), made on first use.
 */
@Component
class PackSigningKeys {

    static final String SELF_SIGNED_FILE = "pack-signing.pem";
    private static final String SELF_SIGNED_SUBJECT = "CN=compliance evidence pack signer (self-signed)";
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(30 * 366);

    private final PackSigningProperties properties;
    private final StoreProperties store;

    PackSigningKeys(PackSigningProperties properties, StoreProperties store) {
        this.properties = properties;
        this.store = store;
    }

    /** The key of this installation now; a pack names it in its manifest and on its cover. */
    SigningKey current() {
        if (properties.keystore() != null && !properties.keystore().toString().isBlank()) {
            return fromKeystore(properties.keystore(), properties.alias(), properties.password());
        }
        return selfSigned(store.home().resolve("keys"));
    }

    static SigningKey fromKeystore(Path file, String alias, String password) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        KeyStore keystore;
        try (InputStream in = Files.newInputStream(file)) {
            keystore = KeyStore.getInstance("PKCS12");
            keystore.load(in, secret);
        } catch (IOException | GeneralSecurityException e) {
            throw new PackException(
                    "the signing keystore " + file + " (compliance.pack.signing.keystore) cannot be read: "
                            + e.getMessage() + "; check the file and COMPLIANCE_SIGNING_PASSWORD");
        }
        try {
            String name = alias == null || alias.isBlank() ? onlyKeyAlias(keystore, file) : alias;
            if (!keystore.isKeyEntry(name)) {
                throw new PackException("the signing keystore " + file + " has no key named '" + name
                        + "' (compliance.pack.signing.alias)");
            }
            PrivateKey key = (PrivateKey) keystore.getKey(name, secret);
            Certificate certificate = keystore.getCertificate(name);
            return new SigningKey(key, new X509CertificateHolder(certificate.getEncoded()), false);
        } catch (IOException | GeneralSecurityException e) {
            throw new PackException("the signing key in " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static String onlyKeyAlias(KeyStore keystore, Path file) throws GeneralSecurityException {
        List<String> keys = Collections.list(keystore.aliases()).stream()
                .filter(a -> isKey(keystore, a))
                .toList();
        if (keys.size() != 1) {
            throw new PackException("the signing keystore " + file + " holds " + keys.size()
                    + " keys; name the one to sign with in compliance.pack.signing.alias");
        }
        return keys.getFirst();
    }

    private static boolean isKey(KeyStore keystore, String alias) {
        try {
            return keystore.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * The home's self-signed key, made the first time a pack is signed: a folder only its owner can
     * enter, a file only its owner can read. Two packs making it at once keep one: each writes its
     * own file and links it to the name, and the second link fails and reads the first.
     */
    static SigningKey selfSigned(Path folder) {
        Path file = folder.resolve(SELF_SIGNED_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(
                        folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Path made = Files.createTempFile(
                        folder,
                        ".pack-signing-",
                        ".pem",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.write(made, newSelfSigned());
                    Files.createLink(file, made);
                } catch (FileAlreadyExistsException madeByAnother) {
                    // read the one that was linked first
                } finally {
                    Files.delete(made);
                }
            }
            return readSelfSigned(file);
        } catch (IOException e) {
            throw new PackException(
                    "the self-signed signing key " + file + " cannot be made or read: " + e.getMessage(), e);
        }
    }

    private static SigningKey readSelfSigned(Path file) throws IOException {
        PrivateKeyInfo key = null;
        X509CertificateHolder certificate = null;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser pem = new PEMParser(reader)) {
            for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    key = info;
                } else if (object instanceof PEMKeyPair pair) {
                    key = pair.getPrivateKeyInfo();
                } else if (object instanceof X509CertificateHolder holder) {
                    certificate = holder;
                }
            }
        }
        if (key == null || certificate == null) {
            throw new PackException("the signing key file " + file
                    + " must hold a private key and its certificate; move it away to make a new key");
        }
        return new SigningKey(new JcaPEMKeyConverter().getPrivateKey(key), certificate, true);
    }

    /** An RSA key (PKCS#1 v1.5 signatures are deterministic) and a certificate it signs itself. */
    private static byte[] newSelfSigned() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name(SELF_SIGNED_SUBJECT);
            X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(
                            subject,
                            new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                            Date.from(now.minus(Duration.ofMinutes(5))),
                            Date.from(now.plus(SELF_SIGNED_VALIDITY)),
                            subject,
                            pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            byte[] key = SigningKey.pem(new JcaPKCS8Generator(pair.getPrivate(), null));
            byte[] cert = SigningKey.pem(certificate);
            byte[] both = new byte[key.length + cert.length];
            System.arraycopy(key, 0, both, 0, key.length);
            System.arraycopy(cert, 0, both, key.length, cert.length);
            return both;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new PackException("cannot make a signing key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
