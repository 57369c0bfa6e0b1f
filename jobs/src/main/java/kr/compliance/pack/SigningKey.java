package kr.compliance.pack;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import org.apache.commons.codec.digest.DigestUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A private key and the certificate that names its public half.
 *
 * @param selfSigned the installation's own key, made on first use (not issued by anyone)
 */
record SigningKey(PrivateKey privateKey, X509CertificateHolder certificate, boolean selfSigned) {

    /** What the manifest and the cover say of the signer. */
    PackManifest.Signer signer() {
        return new PackManifest.Signer(
                certificate.getSubject().toString(),
                fingerprint(certificate),
                selfSigned ? PackManifest.Signer.SELF_SIGNED : PackManifest.Signer.KEYSTORE);
    }

    /** {@code signer.pem}: the certificate alone, as OpenSSL reads it. */
    byte[] certificatePem() {
        return pem(certificate);
    }

    static byte[] pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** SHA-256 of the certificate's DER bytes, as {@code openssl x509 -fingerprint -sha256} shows it (without colons). */
    static String fingerprint(X509CertificateHolder certificate) {
        try {
            return DigestUtils.sha256Hex(certificate.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
