package org.qanode.net.assoc;

import org.qanode.net.pdu.AbortReason;
import org.qanode.net.pdu.AbortSource;

/** An association (or its establishment) ended by A-ABORT / A-P-ABORT, a lost connection or a timeout. */
public class AssociationAbortedException extends Exception {
    private final AbortSource source;
    private final AbortReason reason;

    public AssociationAbortedException(String message, AbortSource source, AbortReason reason) {
        super(message + " (" + source + ", " + reason + ")");
        this.source = source;
        this.reason = reason;
    }

    public AbortSource source() {
        return source;
    }

    public AbortReason reason() {
        return reason;
    }
}
