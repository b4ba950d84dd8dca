package org.qanode.net.assoc;

import org.qanode.net.pdu.AbortReason;
import org.qanode.net.pdu.AbortSource;
import org.qanode.net.pdu.PDataTf;

/**
 * What the layer above (DIMSE) hears from an association. All calls come on the association's
 * event loop, in order; do disk or database work elsewhere. After {@link #onAssociated}, exactly
 * one of {@link #onReleased} or {@link #onAborted} follows.
 */
public interface AssociationListener {
    void onAssociated(Association association);

    /** A P-DATA indication. The listener owns {@code pdata} and must release it. */
    void onPData(Association association, PDataTf pdata);

    void onReleased(Association association);

    /**
     * Asked on an A-RELEASE indication (Evt12 in Sta6), before our answer. Returning false makes
     * the answer an A-ABORT instead of A-RELEASE-RP: a peer that asks to release in the middle of
     * a message (a C-STORE data set not yet complete) must not be told the release was orderly
     * (PS3.8 7.2: release is for when no data is in transit).
     */
    default boolean releaseAcceptable(Association association) {
        return true;
    }

    /**
     * A-ABORT (source service-user) or A-P-ABORT (service-provider, with its PS3.8 Table 9-26
     * reason), whether the peer, the transport, a timeout or our own {@link Association#abort} ended it.
     */
    void onAborted(Association association, AbortSource source, AbortReason reason);

    /** We rejected an A-ASSOCIATE-RQ (acceptor only); for metrics and audit. */
    default void onRejected(org.qanode.net.pdu.AAssociateRq rq, java.net.SocketAddress remote,
            org.qanode.net.pdu.AAssociateRj rejection) {
    }
}
