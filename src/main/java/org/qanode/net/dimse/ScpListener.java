package org.qanode.net.dimse;

/**
 * What the SCP reports for metrics and audit. Called from network and storage threads;
 * implementations must be thread-safe and quick.
 */
public interface ScpListener {
    ScpListener NONE = new ScpListener() {
    };

    default void associationAccepted(String callingAeTitle, String calledAeTitle) {
    }

    /**
     * Who is at the other end of an association, for audit (PS3.15 A.5.3: the calling AE and its
     * network address). {@code associationId} is the one {@link StoreContext} carries; null for a
     * rejected request.
     */
    record Peer(String associationId, String callingAeTitle, String calledAeTitle, String remoteHost, int remotePort) {
    }

    /** What the SCP calls; by default the short form above. */
    default void associationAccepted(Peer peer) {
        associationAccepted(peer.callingAeTitle(), peer.calledAeTitle());
    }

    /** What the SCP calls; by default the short form below. */
    default void associationRejected(Peer peer, String reason) {
        associationRejected(peer.callingAeTitle(), peer.calledAeTitle(), reason);
    }

    /**
     * On the association's storage thread once its last object has been answered (released or
     * aborted): nothing more of this association follows, so per-association summaries can close.
     */
    default void associationFinished(Peer peer, boolean aborted) {
    }

    /** {@code reason} is the PS3.8 rejection reason's name, e.g. CALLING_AE_TITLE_NOT_RECOGNIZED. */
    default void associationRejected(String callingAeTitle, String calledAeTitle, String reason) {
    }

    default void associationEnded(String callingAeTitle, boolean aborted) {
    }

    /** One C-STORE answered; {@code nanos} from its command to its response. */
    default void objectReceived(StoreContext context, long bytes, long nanos, int status) {
    }

    default void echoAnswered(String callingAeTitle) {
    }

    /**
     * An association's storage work is over: called on its storage thread after the last
     * {@link #objectReceived} of it (unlike {@link #associationEnded}, which the network thread
     * calls when the release or abort arrives, possibly before the last objects are committed).
     * {@code associationId} is the one of the association's {@link StoreContext}s.
     */
    default void sessionFinished(FinishedSession session) {
    }

    /** What {@link #sessionFinished} reports: who, from where, to which called AE, how many objects. */
    record FinishedSession(String associationId, String callingAeTitle, String calledAeTitle, String remoteHost,
                           int stored, int failed, boolean aborted) {
    }

    /** Every listener of {@code listeners}, in order; one that throws does not stop the others. */
    static ScpListener all(ScpListener... listeners) {
        return new Fanout(java.util.List.of(listeners));
    }
}
