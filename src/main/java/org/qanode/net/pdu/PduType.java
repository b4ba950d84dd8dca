package org.qanode.net.pdu;

/** PDU type codes, PS3.8 section 9.3.1 (first byte of every PDU header). */
public enum PduType {
    A_ASSOCIATE_RQ(0x01),
    A_ASSOCIATE_AC(0x02),
    A_ASSOCIATE_RJ(0x03),
    P_DATA_TF(0x04),
    A_RELEASE_RQ(0x05),
    A_RELEASE_RP(0x06),
    A_ABORT(0x07);

    private final int code;

    PduType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the type, or null for a code PS3.8 does not define (the caller aborts with reason 1). */
    public static PduType ofCode(int code) {
        for (PduType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
