package org.qanode.net.pdu;

/**
 * A-ABORT reason/diagnostic field, PS3.8 Table 9-26. Meaningful only when the source is
 * {@link AbortSource#SERVICE_PROVIDER}; a service-user abort carries {@link #NOT_SPECIFIED}.
 */
public enum AbortReason {
    NOT_SPECIFIED(0),
    UNRECOGNIZED_PDU(1),
    UNEXPECTED_PDU(2),
    RESERVED(3),
    UNRECOGNIZED_PDU_PARAMETER(4),
    UNEXPECTED_PDU_PARAMETER(5),
    INVALID_PDU_PARAMETER_VALUE(6);

    private final int code;

    AbortReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AbortReason ofCode(int code) {
        for (AbortReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new PduException(INVALID_PDU_PARAMETER_VALUE, "A-ABORT reason " + code + " is not defined by PS3.8 Table 9-26");
    }
}
