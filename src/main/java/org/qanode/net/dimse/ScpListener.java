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
}
