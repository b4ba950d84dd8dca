package org.qanode.net.pdu;

import io.netty.handler.codec.DecoderException;

/**
 * A PDU that cannot be accepted, carrying the PS3.8 Table 9-26 reason that the A-ABORT
 * (A-P-ABORT) we send in answer must name. Extends {@link DecoderException} so Netty's
 * {@code ByteToMessageDecoder} passes it through unwrapped.
 */
public class PduException extends DecoderException {
    private final AbortReason reason;

    public PduException(AbortReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public AbortReason reason() {
        return reason;
    }
}
