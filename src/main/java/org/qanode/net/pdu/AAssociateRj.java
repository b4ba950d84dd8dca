package org.qanode.net.pdu;

import java.util.Objects;

/**
 * A-ASSOCIATE-RJ PDU, PS3.8 section 9.3.4 and Table 9-21. The source is implied by the
 * reason, so a rejection cannot name a reason that its source may not give.
 */
public record AAssociateRj(Result result, Reason reason) implements Pdu {
    public AAssociateRj {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
    }

    public Source source() {
        return reason.source();
    }

    @Override
    public PduType type() {
        return PduType.A_ASSOCIATE_RJ;
    }

    /** PS3.8 Table 9-21, Result field. */
    public enum Result {
        REJECTED_PERMANENT(1),
        REJECTED_TRANSIENT(2);

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
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "A-ASSOCIATE-RJ result " + code + " is not defined by PS3.8 Table 9-21");
        }
    }

    /** PS3.8 Table 9-21, Source field. */
    public enum Source {
        SERVICE_USER(1),
        SERVICE_PROVIDER_ACSE(2),
        SERVICE_PROVIDER_PRESENTATION(3);

        private final int code;

        Source(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** PS3.8 Table 9-21, Reason/Diag. field; the values PS3.8 marks reserved are not representable. */
    public enum Reason {
        NO_REASON_GIVEN(Source.SERVICE_USER, 1),
        APPLICATION_CONTEXT_NAME_NOT_SUPPORTED(Source.SERVICE_USER, 2),
        CALLING_AE_TITLE_NOT_RECOGNIZED(Source.SERVICE_USER, 3),
        CALLED_AE_TITLE_NOT_RECOGNIZED(Source.SERVICE_USER, 7),
        ACSE_NO_REASON_GIVEN(Source.SERVICE_PROVIDER_ACSE, 1),
        PROTOCOL_VERSION_NOT_SUPPORTED(Source.SERVICE_PROVIDER_ACSE, 2),
        TEMPORARY_CONGESTION(Source.SERVICE_PROVIDER_PRESENTATION, 1),
        LOCAL_LIMIT_EXCEEDED(Source.SERVICE_PROVIDER_PRESENTATION, 2);

        private final Source source;
        private final int code;

        Reason(Source source, int code) {
            this.source = source;
            this.code = code;
        }

        public Source source() {
            return source;
        }

        public int code() {
            return code;
        }

        public static Reason of(int sourceCode, int reasonCode) {
            for (Reason r : values()) {
                if (r.source.code == sourceCode && r.code == reasonCode) {
                    return r;
                }
            }
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE,
                    "A-ASSOCIATE-RJ source " + sourceCode + " reason " + reasonCode + " is not defined by PS3.8 Table 9-21");
        }
    }
}
