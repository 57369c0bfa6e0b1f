package kr.compliance.pack;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.SignatureException;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jcajce.io.OutputStreamFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The detached CMS (PKCS#7) signature of {@code manifest.json}, {@code manifest.json.p7s}, and the
 * signer's certificate beside it, {@code signer.pem}. The signature is deterministic (RSA PKCS#1
 * v1.5, or ECDSA with its nonce derived from the key and message, RFC 6979) and carries no signing
 * time, so the same manifest signed with the same key gives the same bytes.
 */
final class ManifestSignature {

    static final String SIGNATURE = PackManifest.NAME + ".p7s";
    static final String CERTIFICATE = "signer.pem";

    // passed to each builder, never registered JVM-wide
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private ManifestSignature() {}

    /** DER bytes of a SignedData over the manifest (not included), with the signer's certificate. */
    static byte[] sign(byte[] manifest, SigningKey key) {
        try {
            ContentSigner signer = contentSigner(key.privateKey());
            // the standard attributes (content type, digest, algorithm protection) less the signing
            // time: "now" would make every re-made pack differ
            DefaultSignedAttributeTableGenerator standard = new DefaultSignedAttributeTableGenerator();
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                            .setProvider(BOUNCY_CASTLE)
                            .build())
                    .setSignedAttributeGenerator(
                            parameters -> standard.getAttributes(parameters).remove(CMSAttributes.signingTime))
                    .build(signer, key.certificate()));
            generator.addCertificate(key.certificate());
            return generator
                    .generate(new CMSProcessableByteArray(manifest), false)
                    .getEncoded("DER");
        } catch (OperatorCreationException | CMSException | IOException e) {
            throw new PackException("cannot sign the manifest: " + e.getMessage(), e);
        }
    }

    private static ContentSigner contentSigner(PrivateKey key) throws OperatorCreationException {
        return switch (key.getAlgorithm()) {
            case "RSA" ->
                new JcaContentSignerBuilder("SHA256withRSA")
                        .setProvider(BOUNCY_CASTLE)
                        .build(key);
            case "EC", "ECDSA" -> deterministicEcdsa(key);
            default ->
                throw new PackException("a pack is signed with an RSA or EC key, not " + key.getAlgorithm()
                        + ": give compliance.pack.signing.keystore another key");
        };
    }

    /**
     * ECDSA whose nonce comes from the key and the message (RFC 6979, BouncyCastle's
     * {@code SHA256withECDDSA}): the signature is an ordinary {@code ecdsa-with-SHA256} one to any
     * verifier, but the same every time. The builder knows no identifier for that name, hence this.
     */
    private static ContentSigner deterministicEcdsa(PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDDSA", BOUNCY_CASTLE);
            signature.initSign(key);
            AlgorithmIdentifier identifier = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            return new ContentSigner() {
                @Override
                public AlgorithmIdentifier getAlgorithmIdentifier() {
                    return identifier;
                }

                @Override
                public OutputStream getOutputStream() {
                    return OutputStreamFactory.createStream(signature);
                }

                @Override
                public byte[] getSignature() {
                    try {
                        return signature.sign();
                    } catch (SignatureException e) {
                        throw new PackException("cannot sign the manifest: " + e.getMessage(), e);
                    }
                }
            };
        } catch (GeneralSecurityException e) {
            throw new PackException("cannot sign with the EC key: " + e.getMessage(), e);
        }
    }

    /** The certificate of {@code signer.pem}; null when it holds no certificate. */
    static X509CertificateHolder certificate(byte[] pem) {
        try (PEMParser parser = new PEMParser(
                new InputStreamReader(new java.io.ByteArrayInputStream(pem), StandardCharsets.US_ASCII))) {
            Object object = parser.readObject();
            return object instanceof X509CertificateHolder holder && parser.readObject() == null ? holder : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Why the signature does not show that {@code certificate}'s key signed exactly these manifest
     * bytes; null when it does.
     */
    static String problem(byte[] manifest, byte[] signature, X509CertificateHolder certificate) {
        SignerInformation signer;
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(manifest), signature);
            var signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return "holds " + signers.size() + " signatures, not one";
            }
            signer = signers.iterator().next();
        } catch (CMSException | RuntimeException e) {
            return "is not a CMS signature: " + e.getMessage();
        }
        if (!signer.getSID().match(certificate)) {
            return "was made by another key than that of " + CERTIFICATE + " (" + certificate.getSubject() + ")";
        }
        try {
            if (signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(BOUNCY_CASTLE)
                    .build(certificate))) {
                return null;
            }
            return "does not verify with the key of " + CERTIFICATE;
        } catch (CMSException e) {
            // a digest mismatch: the manifest is not the one signed
            return "does not match " + PackManifest.NAME + ": the manifest was changed after it was signed ("
                    + e.getMessage() + ")";
        } catch (OperatorCreationException | java.security.cert.CertificateException e) {
            return "cannot be checked with " + CERTIFICATE + ": " + e.getMessage();
        }
    }
}
