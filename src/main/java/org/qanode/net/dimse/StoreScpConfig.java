package org.qanode.net.dimse;

import org.qanode.dicom.UIDs;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.qanode.dicom.UID;
import org.qanode.net.assoc.AcceptancePolicy;
import org.qanode.net.assoc.AcceptancePolicy.CallingAe;
import org.qanode.net.assoc.AssociationLimiter;
import org.qanode.net.assoc.DicomServer;

/**
 * Settings of the storage SCP. {@code extraSopClasses} are accepted besides Verification and
 * every Storage SOP Class of PS3.4 (for instance Varian's private RT plan class that ARIA
 * exports for Halcyon). {@code maxAssociationsPerHost}, {@code maxPendingConnections} and
 * {@code pduTimeout} bound what one slow or hostile peer can hold (see {@link DicomServer}).
 * {@code tls}: the TLS port as well (or instead), null for none.
 */
public record StoreScpConfig(
        String bindAddress,
        int port,
        Set<String> aeTitles,
        List<CallingAe> allowedCallingAeTitles,
        int maxAssociations,
        long maxPduLength,
        Set<String> extraSopClasses,
        Duration artimTimeout,
        Duration idleTimeout,
        int maxAssociationsPerHost,
        int maxPendingConnections,
        Duration pduTimeout,
        DicomServer.TlsPort tls) {

    public static final String VERIFICATION = UIDs.Verification;

    /** Our preference (PS3.8 9.3.3.2 lets the acceptor choose): the syntaxes we convert without a codec. */
    public static final List<String> TRANSFER_SYNTAXES = List.of(
            UIDs.ExplicitVRLittleEndian, UIDs.ImplicitVRLittleEndian, UIDs.DeflatedExplicitVRLittleEndian, UIDs.ExplicitVRBigEndian);

    public StoreScpConfig {
        aeTitles = Set.copyOf(aeTitles);
        allowedCallingAeTitles = List.copyOf(allowedCallingAeTitles);
        extraSopClasses = Set.copyOf(extraSopClasses);
    }

    /** Without a TLS port. */
    public StoreScpConfig(String bindAddress, int port, Set<String> aeTitles, List<CallingAe> allowedCallingAeTitles,
            int maxAssociations, long maxPduLength, Set<String> extraSopClasses, Duration artimTimeout, Duration idleTimeout,
            int maxAssociationsPerHost, int maxPendingConnections, Duration pduTimeout) {
        this(bindAddress, port, aeTitles, allowedCallingAeTitles, maxAssociations, maxPduLength, extraSopClasses,
                artimTimeout, idleTimeout, maxAssociationsPerHost, maxPendingConnections, pduTimeout, null);
    }

    /** With the default limits per host, of pending connections and per PDU. */
    public StoreScpConfig(String bindAddress, int port, Set<String> aeTitles, List<CallingAe> allowedCallingAeTitles,
            int maxAssociations, long maxPduLength, Set<String> extraSopClasses, Duration artimTimeout, Duration idleTimeout) {
        this(bindAddress, port, aeTitles, allowedCallingAeTitles, maxAssociations, maxPduLength, extraSopClasses,
                artimTimeout, idleTimeout, AcceptancePolicy.DEFAULT_MAX_ASSOCIATIONS_PER_HOST,
                AssociationLimiter.DEFAULT_MAX_PENDING_CONNECTIONS, DicomServer.Config.DEFAULT_PDU_TIMEOUT);
    }

    public static StoreScpConfig of(String aeTitle, int port) {
        return new StoreScpConfig("0.0.0.0", port, Set.of(aeTitle), List.of(), 16, 65536, Set.of(),
                Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /** The same SCP on another address and port (0: any free port). */
    public StoreScpConfig withAddress(String bind, int listenPort) {
        return new StoreScpConfig(bind, listenPort, aeTitles, allowedCallingAeTitles, maxAssociations, maxPduLength,
                extraSopClasses, artimTimeout, idleTimeout, maxAssociationsPerHost, maxPendingConnections, pduTimeout, tls);
    }

    public StoreScpConfig withAllowedCallingAeTitles(List<CallingAe> allowed) {
        return new StoreScpConfig(bindAddress, port, aeTitles, allowed, maxAssociations, maxPduLength, extraSopClasses,
                artimTimeout, idleTimeout, maxAssociationsPerHost, maxPendingConnections, pduTimeout, tls);
    }

    public StoreScpConfig withMaxAssociations(int max) {
        return new StoreScpConfig(bindAddress, port, aeTitles, allowedCallingAeTitles, max, maxPduLength, extraSopClasses,
                artimTimeout, idleTimeout, maxAssociationsPerHost, maxPendingConnections, pduTimeout, tls);
    }

    public StoreScpConfig withMaxPduLength(long max) {
        return new StoreScpConfig(bindAddress, port, aeTitles, allowedCallingAeTitles, maxAssociations, max, extraSopClasses,
                artimTimeout, idleTimeout, maxAssociationsPerHost, maxPendingConnections, pduTimeout, tls);
    }

    public StoreScpConfig withTimeouts(Duration artim, Duration idle) {
        return new StoreScpConfig(bindAddress, port, aeTitles, allowedCallingAeTitles, maxAssociations, maxPduLength,
                extraSopClasses, artim, idle, maxAssociationsPerHost, maxPendingConnections, pduTimeout, tls);
    }

    /** The limits that keep slow or hostile peers from holding every slot and file descriptor. */
    public StoreScpConfig withConnectionLimits(int perHost, int pending, Duration pdu) {
        return new StoreScpConfig(bindAddress, port, aeTitles, allowedCallingAeTitles, maxAssociations, maxPduLength,
                extraSopClasses, artimTimeout, idleTimeout, perHost, pending, pdu, tls);
    }

    /** The TLS port as well ({@code tls.only}: instead); null for none. */
    public StoreScpConfig withTls(DicomServer.TlsPort tlsPort) {
        return new StoreScpConfig(bindAddress, port, aeTitles, allowedCallingAeTitles, maxAssociations, maxPduLength,
                extraSopClasses, artimTimeout, idleTimeout, maxAssociationsPerHost, maxPendingConnections, pduTimeout,
                tlsPort);
    }

    DicomServer.Config toServerConfig() {
        return new DicomServer.Config(bindAddress, port, toPolicy(), artimTimeout, idleTimeout, pduTimeout,
                maxPendingConnections, tls);
    }

    /** True for the SOP classes this SCP stores or verifies. */
    public boolean accepts(String sopClassUid) {
        return VERIFICATION.equals(sopClassUid) || UID.isStorageSopClass(sopClassUid)
                || extraSopClasses.contains(sopClassUid);
    }

    AcceptancePolicy toPolicy() {
        return AcceptancePolicy.builder()
                .aeTitles(aeTitles)
                .allowedCallingAeTitles(allowedCallingAeTitles)
                .maxAssociations(maxAssociations)
                .maxAssociationsPerHost(maxAssociationsPerHost)
                .maxPduLength(maxPduLength)
                .abstractSyntaxes(this::accepts)
                .transferSyntaxes(TRANSFER_SYNTAXES)
                // compressed images are stored as received: we never decode pixel data
                .acceptedAsOffered(UID::isTransferSyntax)
                .asyncOperationsWindow(16, 16)
                // SCU role only for storage: we never act as SCP for anything but what we accept
                .roleSelector(proposed -> proposed)
                .build();
    }
}
