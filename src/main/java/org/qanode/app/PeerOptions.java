package org.qanode.app;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.qanode.dicom.AeAddress;
import org.qanode.net.assoc.AssociationAbortedException;
import org.qanode.net.assoc.AssociationRejectedException;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.pdu.AAssociateRj;
import picocli.CommandLine.Option;

/**
 * The association options every SCU command shares, spelt as dcmtk spells them: {@code -aet}
 * (who we are; default dicom.aeTitle of the configuration), {@code -aec} (whom we call), and the
 * peer as {@code AET@host:port}, {@code host:port} or {@code host port} ({@link #peer}).
 */
final class PeerOptions {
    /** The called AE title when neither -aec nor AET@ in the peer names one (dcmtk's default). */
    static final String DEFAULT_CALLED_AE_TITLE = "ANY-SCP";

    @Option(names = {"-aet", "--aet"}, paramLabel = "AET",
            description = "Our (calling) AE title. Default: dicom.aeTitle of the configuration (QANODE).")
    String callingAeTitle;

    @Option(names = "--tls",
            description = "Associate over TLS (PS3.15 Annex B) with the certificate, key, trusted certificates and profile "
                    + "of dicom.tls in the configuration; give the peer's TLS port.")
    boolean tls;

    @Option(names = {"-aec", "--aec"}, paramLabel = "AET",
            description = "The peer's (called) AE title when the peer is not written AET@host:port. Default: "
                    + DEFAULT_CALLED_AE_TITLE + ".")
    String calledAeTitle;

    /** The peer and how many positional arguments it took (1 or 2). */
    record Peer(AeAddress address, int arguments) {
    }

    /**
     * The peer from the first positionals: {@code AET@host:port}, {@code host:port} (AE title from
     * -aec) or dcmtk's {@code host port}. An AE title both in the address and in -aec must agree.
     *
     * @throws IllegalArgumentException with a message naming what was expected
     */
    Peer peer(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("missing peer: AET@host:port, host:port or host port");
        }
        String first = args.get(0);
        String called = calledAeTitle != null ? calledAeTitle : DEFAULT_CALLED_AE_TITLE;
        boolean hostThenPort = args.size() > 1 && args.get(1).matches("[0-9]{1,5}") && first.indexOf('@') < 0
                && (first.indexOf(':') < 0 || first.indexOf(':') != first.lastIndexOf(':'));
        AeAddress a = hostThenPort ? AeAddress.of(called, first, args.get(1)) : AeAddress.parse(first, called);
        if (calledAeTitle != null && !a.aeTitle().equals(calledAeTitle.strip())) {
            throw new IllegalArgumentException("-aec " + calledAeTitle.strip() + " and " + a + " name different AE titles");
        }
        return new Peer(a, hostThenPort ? 2 : 1);
    }

    /** Our AE title: -aet, else the configured dicom.aeTitle. */
    String callingAeTitle(ConfigOptions configuration) throws ConfigException {
        return callingAeTitle != null ? AeAddress.requireAeTitle(callingAeTitle) : configuration.load().dicom().aeTitle();
    }

    /**
     * {@code config} over TLS with the configured dicom.tls when --tls was given, else unchanged.
     *
     * @throws ConfigException without a dicom.tls section
     * @throws IOException     naming the certificate or key file that cannot be used
     */
    AssociationRequestor.Config tls(AssociationRequestor.Config config, ConfigOptions configuration)
            throws ConfigException, IOException {
        if (!tls) {
            return config;
        }
        DicomSettings dicom = configuration.load().dicom();
        if (dicom.tls() == null) {
            throw new ConfigException(List.of(
                    "dicom.tls: --tls needs this section (certificate, privateKey, trustedCertificates)"));
        }
        return config.withTls(NodeTls.dicom(dicom, false));
    }

    /** Connect, association and ARTIM time-outs of {@code timeoutSeconds}; we accept PDUs up to {@code maxPdu}. */
    static AssociationRequestor.Config requestorConfig(int timeoutSeconds, long maxPdu) {
        Duration t = Duration.ofSeconds(timeoutSeconds);
        return new AssociationRequestor.Config(t, t, t, Duration.ofMinutes(5), maxPdu);
    }

    /**
     * "association rejected by QANODE@127.0.0.1:11112: permanent, service-user, called AE title not
     * recognized": the A-ASSOCIATE-RJ's result, source and reason (PS3.8 Table 9-21).
     */
    static String rejected(AeAddress peer, AssociationRejectedException e) {
        AAssociateRj rj = e.rejection();
        String result = rj.result() == AAssociateRj.Result.REJECTED_PERMANENT ? "permanent" : "transient";
        String source = switch (rj.source()) {
            case SERVICE_USER -> "service-user";
            case SERVICE_PROVIDER_ACSE -> "service-provider (ACSE)";
            case SERVICE_PROVIDER_PRESENTATION -> "service-provider (presentation)";
        };
        String reason = rj.reason().name().replaceFirst("^ACSE_", "").toLowerCase(Locale.ROOT).replace('_', ' ')
                .replace("ae title", "AE title");
        return "association rejected by " + peer + ": " + result + ", " + source + ", " + reason;
    }

    /**
     * One line for an association that could not be set up or broke: "cannot connect to
     * 127.0.0.1:11112: connection refused", or the abort's source and reason; no exception class names.
     */
    static String failed(AeAddress peer, AssociationAbortedException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root instanceof ConnectException || root instanceof UnknownHostException) {
                break;
            }
        }
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS handshake with " + peer.hostAndPort() + " failed: " + root.getMessage();
            }
        }
        String where = "cannot connect to " + peer.hostAndPort() + ": ";
        if (root instanceof UnknownHostException) {
            return where + "unknown host";
        }
        if (root instanceof ConnectException) {
            String m = root.getMessage() == null ? "" : root.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("timed out")) {
                return where + "timed out";
            }
            if (m.contains("unreachable")) {
                return where + "network unreachable";
            }
            return where + "connection refused";
        }
        if (e.getCause() == null) {
            return "association with " + peer + " aborted: " + e.getMessage();
        }
        String m = root.getMessage();
        return "association with " + peer + " failed: " + (m != null ? m : root.getClass().getSimpleName());
    }
}
