package org.qanode.net.pdu;

import io.netty.buffer.ByteBuf;

/**
 * Presentation Data Value Item, PS3.8 section 9.3.5.1 and Annex E.2: a fragment of a DIMSE
 * command or data set on one presentation context. The payload buffer is owned by the enclosing
 * {@link PDataTf}: releasing the PDataTf releases it, so never release it directly.
 */
public final class PresentationDataValue {
    private final int contextId;
    private final boolean command;
    private final boolean last;
    private final ByteBuf data;

    public PresentationDataValue(int contextId, boolean command, boolean last, ByteBuf data) {
        if (contextId < 1 || contextId > 255) {
            throw new IllegalArgumentException("presentation context id out of 1..255: " + contextId);
        }
        this.contextId = contextId;
        this.command = command;
        this.last = last;
        this.data = data;
    }

    public int contextId() {
        return contextId;
    }

    /** Message control header bit 0 (PS3.8 E.2): the fragment belongs to a command, not a data set. */
    public boolean command() {
        return command;
    }

    /** Message control header bit 1 (PS3.8 E.2): the last fragment of the command or data set. */
    public boolean last() {
        return last;
    }

    /** The fragment bytes (a slice owned by the PDataTf); readable bytes are the payload. */
    public ByteBuf data() {
        return data;
    }

    int messageControlHeader() {
        return (command ? 0x01 : 0) | (last ? 0x02 : 0);
    }

    @Override
    public String toString() {
        return "PDV[pc=" + contextId + (command ? ", command" : ", data") + (last ? ", last" : "") + ", " + data.readableBytes() + " bytes]";
    }
}
