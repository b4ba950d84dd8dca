package org.qanode.app;

import java.util.List;
import java.util.Map;
import org.qanode.net.tls.TlsSettings;

/**
 * The DICOM side of the node (configuration keys {@code dicom.*}).
 *
 * @param allowedCallingAeTitles empty: any calling AE title is accepted
 * @param extraSopClasses        accepted besides Verification and every Storage SOP Class
 * @param states                 called AE title to state name, e.g. QA_PRE to pre
 * @param receivingState         the state for any other called AE title until changed over REST
 * @param pduTimeoutSeconds      longest time from the first byte of a PDU to its last
 * @param tls                    the {@code dicom.tls} section, null when absent (no TLS port, no TLS SCU)
 * @param warmUpObjects          synthetic objects run through the ingest path at start, before the port
 *                               opens (org.qanode.node.IngestWarmUp); 0: none
 */
public record DicomSettings(String aeTitle, String bind, int port, int maxPduLength, int maxAssociations,
        List<String> allowedCallingAeTitles, List<String> extraSopClasses, Map<String, String> states,
        String receivingState, int shutdownGraceSeconds, int maxAssociationsPerHost, int maxPendingConnections,
        int pduTimeoutSeconds, Tls tls, int warmUpObjects) {

    /**
     * {@code dicom.tls}: the TLS port (PS3.15 B.1), whether it is the only one, and the
     * certificate, key, trusted certificates and profile (also those of our SCU side).
     */
    public record Tls(int port, boolean only, TlsSettings settings) {
    }

    public DicomSettings {
        allowedCallingAeTitles = List.copyOf(allowedCallingAeTitles);
        extraSopClasses = List.copyOf(extraSopClasses);
        states = Map.copyOf(states);
    }
}
