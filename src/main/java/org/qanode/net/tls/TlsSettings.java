package org.qanode.net.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where our certificate, key and trusted peers are, and how strict we are (configuration
 * {@code dicom.tls.*}, or {@code http.tls.*} with no trust store and no client certificates).
 *
 * @param certificate              PEM: our certificate, then the intermediate CAs up to (not
 *                                 necessarily including) the root
 * @param privateKey               PEM, PKCS#8 ({@code BEGIN PRIVATE KEY}), unencrypted, RSA or EC
 * @param trustedCertificates      PEM bundle of the CAs (or self-signed peer certificates) whose
 *                                 certificates we accept from peers; null: none (HTTPS only)
 * @param requireClientCertificate the SCP refuses a peer without a trusted certificate
 * @param profile                  TLS versions and cipher suites (PS3.15 Annex B)
 */
public record TlsSettings(Path certificate, Path privateKey, Path trustedCertificates, boolean requireClientCertificate,
        TlsProfile profile) {

    public TlsSettings {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(profile, "profile");
        if (requireClientCertificate && trustedCertificates == null) {
            throw new IllegalArgumentException("requireClientCertificate needs trustedCertificates");
        }
    }

    /** HTTPS: a server certificate only, the default profile, no client certificates. */
    public static TlsSettings serverOnly(Path certificate, Path privateKey) {
        return new TlsSettings(certificate, privateKey, null, false, TlsProfile.DEFAULT);
    }
}
