package org.qanode.net.pdu;

/** A-RELEASE-RP PDU, PS3.8 section 9.3.7: a header and four reserved bytes. */
public record AReleaseRp() implements Pdu {
    public static final AReleaseRp INSTANCE = new AReleaseRp();

    @Override
    public PduType type() {
        return PduType.A_RELEASE_RP;
    }
}
