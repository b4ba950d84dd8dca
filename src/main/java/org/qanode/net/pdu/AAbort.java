package org.qanode.net.pdu;

import java.util.Objects;

/** A-ABORT PDU, PS3.8 section 9.3.8 and Table 9-26. */
public record AAbort(AbortSource source, AbortReason reason) implements Pdu {
    public AAbort {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
    }

    /** An abort initiated by the service-user; PS3.8 says its reason field is not significant (0). */
    public static AAbort byServiceUser() {
        return new AAbort(AbortSource.SERVICE_USER, AbortReason.NOT_SPECIFIED);
    }

    /** An A-P-ABORT naming what was wrong with the peer's PDUs. */
    public static AAbort byServiceProvider(AbortReason reason) {
        return new AAbort(AbortSource.SERVICE_PROVIDER, reason);
    }

    @Override
    public PduType type() {
        return PduType.A_ABORT;
    }
}
