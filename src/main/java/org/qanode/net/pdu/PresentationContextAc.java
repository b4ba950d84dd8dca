package org.qanode.net.pdu;

import java.util.Objects;

/**
 * Presentation Context Item (21H) of an A-ASSOCIATE-AC, PS3.8 section 9.3.3.2. PS3.8 says the
 * transfer syntax is not significant unless the result is acceptance, but the sub-item is always
 * present on the wire (dcmtk sends the proposed one), so it is kept as decoded.
 */
public record PresentationContextAc(int id, Result result, String transferSyntax) {
    public PresentationContextAc {
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("presentation context id out of 1..255: " + id);
        }
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(transferSyntax, "transferSyntax");
    }

    public boolean accepted() {
        return result == Result.ACCEPTANCE;
    }

    /** PS3.8 Table 9-18, Result/Reason field. */
    public enum Result {
        ACCEPTANCE(0),
        USER_REJECTION(1),
        NO_REASON(2),
        ABSTRACT_SYNTAX_NOT_SUPPORTED(3),
        TRANSFER_SYNTAXES_NOT_SUPPORTED(4);

        private final int code;

        Result(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Result ofCode(int code) {
            for (Result r : values()) {
                if (r.code == code) {
                    return r;
                }
            }
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "presentation context result " + code + " is not defined by PS3.8 Table 9-18");
        }
    }
}
