package org.qanode.net.assoc;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The per-PDU deadline on an EmbeddedChannel, with its virtual clock. */
class PduDeadlineTest {
    private final List<PduDeadline.Expired> expired = new ArrayList<>();
    private final List<Integer> passedOn = new ArrayList<>();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new PduDeadline(Duration.ofSeconds(60)), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                passedOn.add(((io.netty.buffer.ByteBuf) msg).readableBytes());
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof PduDeadline.Expired e) {
                    expired.add(e);
                }
            }
        });
    }

    private static void advance(EmbeddedChannel ch, long seconds) {
        ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
    }

    private static byte[] pdu(int bodyLength) {
        byte[] b = new byte[6 + bodyLength];
        b[0] = 0x04;
        b[4] = (byte) (bodyLength >> 8);
        b[5] = (byte) bodyLength;
        return b;
    }

    @Test
    void aPduStillIncompleteAfterTheTimeoutExpiresOnce() {
        EmbeddedChannel ch = channel();
        byte[] p = pdu(100);
        for (int i = 0; i < 50; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(p, i, 1));
            advance(ch, 1);
        }
        assertThat(expired).isEmpty();
        advance(ch, 10);
        assertThat(expired).containsExactly(new PduDeadline.Expired(Duration.ofSeconds(60), 50, 106));
        assertThat(expired.get(0).describe()).isEqualTo("PDU not complete within 60 s (50 of 106 bytes)");
        advance(ch, 120);
        assertThat(expired).hasSize(1);
        assertThat(passedOn).hasSize(50).containsOnly(1);
        assertFalse(ch.finish());
    }

    @Test
    void eachPduHasItsOwnDeadline() {
        EmbeddedChannel ch = channel();
        byte[] two = new byte[2 * 16];
        System.arraycopy(pdu(10), 0, two, 0, 16);
        System.arraycopy(pdu(10), 0, two, 16, 16);
        // One and a half PDUs, then the rest of the second 50 s later: every PDU took under 60 s.
        ch.writeInbound(Unpooled.wrappedBuffer(two, 0, 24));
        advance(ch, 50);
        ch.writeInbound(Unpooled.wrappedBuffer(two, 24, 8));
        advance(ch, 50);
        // A third PDU starts and stalls in its header.
        ch.writeInbound(Unpooled.wrappedBuffer(pdu(10), 0, 3));
        advance(ch, 59);
        assertThat(expired).isEmpty();
        advance(ch, 2);
        assertThat(expired).extracting(PduDeadline.Expired::expected).containsExactly(-1L);
        assertFalse(ch.finish());
    }

    @Test
    void noDeadlineRunsWhileWeDoNotRead() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(pdu(100), 0, 20));
        // Storage backpressure: we stopped reading, so the PDU cannot progress by the peer's fault.
        ch.config().setAutoRead(false);
        advance(ch, 300);
        assertThat(expired).isEmpty();
        ch.config().setAutoRead(true);
        advance(ch, 61);
        assertThat(expired).hasSize(1);
        assertFalse(ch.finish());
    }
}
