package org.qanode.net.pdu;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Writes {@link Pdu}s as bytes (PS3.8 9.3). P-DATA-TF payloads are passed on as retained
 * slices, not copied; the encoder releases the PDataTf after encoding.
 */
@ChannelHandler.Sharable
public final class PduEncoder extends MessageToMessageEncoder<Pdu> {
    @Override
    protected void encode(ChannelHandlerContext ctx, Pdu msg, List<Object> out) {
        out.add(PduCodec.encode(msg, ctx.alloc()));
    }
}
