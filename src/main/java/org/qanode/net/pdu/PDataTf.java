package org.qanode.net.pdu;

import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

import java.util.List;

/**
 * P-DATA-TF PDU, PS3.8 section 9.3.5. Reference counted because its PDV payloads are slices
 * of network buffers: whoever holds the PDataTf last calls {@link #release()}, which releases
 * every PDV payload once. A PDataTf made for sending is released by the encoder.
 */
public final class PDataTf extends AbstractReferenceCounted implements Pdu {
    private final List<PresentationDataValue> values;

    /** Takes ownership of each PDV's payload buffer. */
    public PDataTf(List<PresentationDataValue> values) {
        if (values.isEmpty()) {
            // PS3.8 9.3.5: one or more PDV items.
            throw new IllegalArgumentException("a P-DATA-TF carries at least one PDV");
        }
        this.values = List.copyOf(values);
    }

    public static PDataTf of(PresentationDataValue... values) {
        return new PDataTf(List.of(values));
    }

    public List<PresentationDataValue> values() {
        return values;
    }

    /** Length of the PDU variable field: PDV items of 4-byte length, 1-byte context id, 1-byte header, payload. */
    public long pduLength() {
        long n = 0;
        for (PresentationDataValue v : values) {
            n += 6L + v.data().readableBytes();
        }
        return n;
    }

    @Override
    public PduType type() {
        return PduType.P_DATA_TF;
    }

    @Override
    protected void deallocate() {
        for (PresentationDataValue v : values) {
            v.data().release();
        }
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        for (PresentationDataValue v : values) {
            v.data().touch(hint);
        }
        return this;
    }

    @Override
    public PDataTf retain() {
        super.retain();
        return this;
    }

    @Override
    public String toString() {
        return "P-DATA-TF" + values;
    }
}
