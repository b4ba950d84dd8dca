package org.qanode.net.dimse;

import java.io.IOException;
import org.qanode.net.pdu.AbortSource;
import org.qanode.net.pdu.AbortReason;

/**
 * The association ended while a DIMSE operation waited for its response: released by the peer,
 * or aborted (A-ABORT, A-P-ABORT or a lost connection; PS3.8 7.3, 7.4). For an abort it carries
 * the PS3.8 9.3.8 source and reason as received, so callers can tell a peer's refusal from a
 * dropped network.
 */
public final class AssociationEndedException extends IOException {
    private final AbortSource source;
    private final AbortReason reason;

    public AssociationEndedException(String message, AbortSource source, AbortReason reason) {
        super(message);
        this.source = source;
        this.reason = reason;
    }

    /** Null when the association was released rather than aborted. */
    public AbortSource source() {
        return source;
    }

    /** Null when the association was released rather than aborted. */
    public AbortReason reason() {
        return reason;
    }

    public boolean aborted() {
        return source != null;
    }
}
