package org.qanode.net.assoc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A deadline per PDU: from the first byte of a PDU to its last, at most {@code timeout}. Sits
 * before the PDU decoder and follows the framing itself (the 6-byte header of PS3.8 9.3.1 with its
 * length), passing every byte on untouched. When a PDU is not complete in time it fires an
 * {@link Expired} user event, which the {@link AssociationHandler} answers with an A-ABORT.
 *
 * <p>Why: the idle time-out only sees silence, so a peer that sends one byte a second is never
 * idle, and 16 such peers held every association slot for minutes. PS3.8 sets no time for a PDU;
 * the timer is ours. While we ourselves have stopped reading (storage backpressure: the socket is
 * not read while the disk catches up) the PDU cannot progress by the peer's fault, so the deadline
 * is pushed back instead.
 */
final class PduDeadline extends ChannelInboundHandlerAdapter {
    /** The user event: a PDU started {@code timeout} ago is still incomplete. */
    record Expired(Duration timeout, long received, long expected) {
        String describe() {
            return "PDU not complete within " + timeout.toSeconds() + " s (" + received + " of "
                    + (expected < 0 ? "?" : Long.toString(expected)) + " bytes)";
        }
    }

    private final Duration timeout;
    private final byte[] header = new byte[6];
    private int headerRead;
    private long remaining;
    private long received;
    private boolean expired;
    private ScheduledFuture<?> timer;

    PduDeadline(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("pduTimeout: must be positive, was " + timeout);
        }
        this.timeout = timeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && !expired) {
            track(ctx, buf);
        }
        ctx.fireChannelRead(msg);
    }

    private void track(ChannelHandlerContext ctx, ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            if (headerRead == 0 && received == 0) {
                arm(ctx);
            }
            if (headerRead < header.length) {
                header[headerRead++] = buf.getByte(i++);
                received++;
                if (headerRead == header.length) {
                    remaining = ((header[2] & 0xffL) << 24) | ((header[3] & 0xffL) << 16) | ((header[4] & 0xffL) << 8) | (header[5] & 0xffL);
                }
            } else {
                long n = Math.min(remaining, end - i);
                i += (int) n;
                remaining -= n;
                received += n;
            }
            if (headerRead == header.length && remaining == 0) {
                // PDU complete: the next byte starts the next PDU and its own deadline.
                headerRead = 0;
                received = 0;
                cancel();
            }
        }
    }

    private void arm(ChannelHandlerContext ctx) {
        cancel();
        timer = ctx.executor().schedule(() -> expire(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!ctx.channel().config().isAutoRead()) {
            arm(ctx);
            return;
        }
        expired = true;
        long expected = headerRead == header.length ? received + remaining : -1;
        ctx.fireUserEventTriggered(new Expired(timeout, received, expected));
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }
}
