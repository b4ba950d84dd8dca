package org.qanode.net.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Frames the byte stream into PDUs by their 6-byte header (PS3.8 9.3.1) and decodes them.
 *
 * <p>Limits: a P-DATA-TF may not be longer than the maximum length we advertised (PS3.8 D.1; the
 * length field is compared, which is what dcmtk does). The other PDUs cannot be limited by
 * negotiation, so they get a fixed cap ({@link #DEFAULT_MAX_ASSOCIATE_LENGTH}) to stop a peer from
 * making us buffer gigabytes. Anything wrong raises a {@link PduException} carrying the A-ABORT
 * reason; after that the decoder drops all further input, since the stream has lost its framing.
 */
public final class PduDecoder extends ByteToMessageDecoder {
    public static final int DEFAULT_MAX_ASSOCIATE_LENGTH = 64 * 1024;

    private final long maxPDataLength;
    private final long maxOtherLength;
    private boolean failed;

    /**
     * @param maxPDataLength the maximum P-DATA-TF length we advertised; 0 = unlimited (then capped at 2 GiB - 1)
     */
    public PduDecoder(long maxPDataLength) {
        this(maxPDataLength, DEFAULT_MAX_ASSOCIATE_LENGTH);
    }

    public PduDecoder(long maxPDataLength, long maxOtherLength) {
        this.maxPDataLength = maxPDataLength == 0 ? Integer.MAX_VALUE - PduCodec.HEADER_LENGTH : Math.min(maxPDataLength, Integer.MAX_VALUE - PduCodec.HEADER_LENGTH);
        this.maxOtherLength = maxOtherLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < PduCodec.HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        int typeCode = in.getUnsignedByte(start);
        PduType type = PduType.ofCode(typeCode);
        long length = in.getUnsignedInt(start + 2);
        try {
            if (type == null) {
                throw new PduException(AbortReason.UNRECOGNIZED_PDU, String.format("unrecognized PDU type %02XH", typeCode));
            }
            long limit = type == PduType.P_DATA_TF ? maxPDataLength : maxOtherLength;
            if (length > limit) {
                throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE,
                        type + " of length " + length + " exceeds the limit of " + limit);
            }
            if (in.readableBytes() < PduCodec.HEADER_LENGTH + length) {
                return;
            }
            ByteBuf frame = in.readSlice(PduCodec.HEADER_LENGTH + (int) length);
            out.add(PduCodec.decode(frame));
        } catch (PduException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }
}
