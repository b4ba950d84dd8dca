package org.qanode.net.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * The DICOM Secure Transport Connection Profiles we implement (PS3.15 Annex B): which TLS
 * versions and cipher suites each allows. TLS 1.0 and 1.1 are refused by all of them (RFC 8996),
 * and so is every suite a profile does not list: a peer that offers only those fails the
 * handshake. Suite names are the IANA names, which the JDK uses too.
 *
 * <p>Section numbers are those of PS3.15 2024e. The lists agree with dcmtk's implementation of
 * the same profiles (dcmtls, DcmTLSCiphersuiteHandler), which our interoperability tests talk to.
 */
public enum TlsProfile {
    /**
     * PS3.15 B.10, Non-Downgrading BCP 195 TLS Secure Transport Connection Profile: TLS 1.2 or later,
     * ECDHE and DHE with RSA certificates and AES-GCM.
     */
    BCP195_ND("bcp195-nd", "PS3.15 B.10",
            List.of(TlsVersions.TLS_1_3, TlsVersions.TLS_1_2),
            List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            TlsVersions.TLS_1_3_SUITES),
    /**
     * PS3.15 B.11, Extended BCP 195 TLS Secure Transport Connection Profile: TLS 1.2 with the
     * non-downgrading suites plus ECDHE with ECDSA certificates. It lists TLS 1.2 suites only, so
     * TLS 1.3 is not negotiated under it (as in dcmtk).
     */
    BCP195_EXTENDED("bcp195-extended", "PS3.15 B.11",
            List.of(TlsVersions.TLS_1_2),
            List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            List.of()),
    /**
     * PS3.15 B.12, BCP 195 RFC 8996, 9325 TLS Secure Transport Connection Profile: TLS 1.2 and 1.3
     * (1.3 preferred); for TLS 1.2 the four ECDHE AES-GCM suites RFC 9325 section 4.2 recommends,
     * no DHE, no static RSA, no CBC, no SHA-1.
     */
    BCP195_RFC8996("bcp195-rfc8996", "PS3.15 B.12",
            List.of(TlsVersions.TLS_1_3, TlsVersions.TLS_1_2),
            List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            TlsVersions.TLS_1_3_SUITES);

    /** The default of {@code dicom.tls.profile}. */
    public static final TlsProfile DEFAULT = BCP195_RFC8996;

    private final String configName;
    private final String section;
    private final List<String> protocols;
    private final List<String> tls12Suites;
    private final List<String> tls13Suites;

    TlsProfile(String configName, String section, List<String> protocols, List<String> tls12Suites,
            List<String> tls13Suites) {
        this.configName = configName;
        this.section = section;
        this.protocols = protocols;
        this.tls12Suites = tls12Suites;
        this.tls13Suites = tls13Suites;
    }

    /** As written in the configuration, e.g. {@code bcp195-rfc8996}. */
    public String configName() {
        return configName;
    }

    /** Where the standard defines it, e.g. {@code PS3.15 B.12}. */
    public String section() {
        return section;
    }

    /** JDK protocol names, newest first: {@code TLSv1.3}, {@code TLSv1.2}. */
    public List<String> protocols() {
        return protocols;
    }

    /** Every suite allowed: TLS 1.3 suites first, then TLS 1.2 ones, in our order of preference. */
    public List<String> cipherSuites() {
        List<String> all = new ArrayList<>(tls13Suites);
        all.addAll(tls12Suites);
        return List.copyOf(all);
    }

    /** The profile named {@code name} in the configuration (case-insensitive). */
    public static TlsProfile parse(String name) {
        for (TlsProfile p : values()) {
            if (p.configName.equalsIgnoreCase(name == null ? "" : name.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown TLS profile '" + name + "' (known: " + names() + ")");
    }

    /** The configuration names, comma-separated. */
    public static String names() {
        StringBuilder b = new StringBuilder();
        for (TlsProfile p : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(p.configName);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return configName + " (" + section + ")";
    }

    /** Protocol and TLS 1.3 suite names shared by the profiles. */
    private static final class TlsVersions {
        static final String TLS_1_2 = "TLSv1.2";
        static final String TLS_1_3 = "TLSv1.3";
        /** RFC 8446 B.4: the AEAD suites the JDK implements (AES-GCM and ChaCha20-Poly1305). */
        static final List<String> TLS_1_3_SUITES = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
                "TLS_CHACHA20_POLY1305_SHA256");

        private TlsVersions() {
        }
    }
}
