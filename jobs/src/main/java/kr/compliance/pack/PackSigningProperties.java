package kr.compliance.pack;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key packs are signed with ({@code docs/pack.md}, "Signature"): a PKCS#12 keystore, or none,
 * and then the installation's own self-signed key under {@code $COMPLIANCE_HOME/keys}.
 *
 * @param keystore a PKCS#12 file; blank: the self-signed key of the home
 * @param alias the key's alias in the keystore; blank: its only key entry
 * @param password the keystore's password, from the environment ({@code COMPLIANCE_SIGNING_PASSWORD})
 */
@ConfigurationProperties("compliance.pack.signing")
public record PackSigningProperties(Path keystore, String alias, String password) {}
