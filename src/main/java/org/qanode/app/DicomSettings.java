package org.qanode.app;

import java.util.List;
import java.util.Map;

/**
 * The DICOM side of the node (configuration keys {@code dicom.*}).
 *
 * @param allowedCallingAeTitles empty: any calling AE title is accepted
 * @param extraSopClasses        accepted besides Verification and every Storage SOP Class
 * @param states                 called AE title to state name, e.g. QA_PRE to pre
 * @param receivingState         the state for any other called AE title until changed over REST
 * @param pduTimeoutSeconds      longest time from the first byte of a PDU to its last
 */
public record DicomSettings(String aeTitle, String bind, int port, int maxPduLength, int maxAssociations,
        List<String> allowedCallingAeTitles, List<String> extraSopClasses, Map<String, String> states,
        String receivingState, int shutdownGraceSeconds, int maxAssociationsPerHost, int maxPendingConnections,
        int pduTimeoutSeconds) {

    public DicomSettings {
        allowedCallingAeTitles = List.copyOf(allowedCallingAeTitles);
        extraSopClasses = List.copyOf(extraSopClasses);
        states = Map.copyOf(states);
    }
}
