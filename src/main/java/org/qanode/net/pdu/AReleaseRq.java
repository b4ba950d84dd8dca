package org.qanode.net.pdu;

/** A-RELEASE-RQ PDU, PS3.8 section 9.3.6: a header and four reserved bytes. */
public record AReleaseRq() implements Pdu {
    public static final AReleaseRq INSTANCE = new AReleaseRq();

    @Override
    public PduType type() {
        return PduType.A_RELEASE_RQ;
    }
}
