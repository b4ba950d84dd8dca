package org.qanode.net.pdu;

/** A-ABORT source field, PS3.8 Table 9-26. */
public enum AbortSource {
    /** DICOM UL service-user (initiated abort). */
    SERVICE_USER(0),
    RESERVED(1),
    /** DICOM UL service-provider (initiated abort, A-P-ABORT). */
    SERVICE_PROVIDER(2);

    private final int code;

    AbortSource(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AbortSource ofCode(int code) {
        for (AbortSource s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "A-ABORT source " + code + " is not defined by PS3.8 Table 9-26");
    }
}
