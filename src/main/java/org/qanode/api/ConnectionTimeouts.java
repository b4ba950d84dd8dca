package org.qanode.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one HTTP connection may hold without doing anything: the one timer that bounds what the
 * connection is waiting for. Per connection; every method runs on its event loop.
 *
 * <ul>
 * <li>A new connection must deliver a request's headers within the header time-out
 *     ({@code http.headerTimeoutSeconds}) of connecting.</li>
 * <li>A kept-alive connection may then wait for its next request up to the idle time-out
 *     ({@code http.idleTimeoutSeconds}); from the first byte of that request its headers have
 *     the header time-out.</li>
 * <li>A body may pause up to the idle time-out between two reads.</li>
 * <li>While a request is being handled nothing runs out: the connection is not read then.</li>
 * </ul>
 * Header and body time-outs answer 408 and close; an idle connection is closed silently.
 */
final class ConnectionTimeouts {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTimeouts.class);

    private enum Phase {
        /** No byte of the next request yet. */
        AWAIT_REQUEST,
        /** Bytes of a request arrived, its headers are not complete. */
        HEADERS,
        /** Headers complete, body being aggregated. */
        BODY,
        /** The complete request is with a worker; the connection is not read. */
        HANDLING
    }

    private final long headerNanos;
    private final long idleNanos;
    private ChannelHandlerContext ctx;
    private Phase phase = Phase.AWAIT_REQUEST;
    private boolean firstRequest = true;
    private long lastReadNanos;
    private ScheduledFuture<?> timer;

    ConnectionTimeouts(long headerTimeoutMillis, long idleTimeoutMillis) {
        this.headerNanos = TimeUnit.MILLISECONDS.toNanos(headerTimeoutMillis);
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
    }

    /** First in the pipeline: sees the raw bytes (first byte of a request, progress of a body). */
    ChannelHandler bytesIn() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext c) {
                ctx = c;
            }

            @Override
            public void channelActive(ChannelHandlerContext c) throws Exception {
                arm(headerNanos); // a new connection: its first request's headers are due
                super.channelActive(c);
            }

            @Override
            public void channelRead(ChannelHandlerContext c, Object msg) throws Exception {
                if (msg instanceof ByteBuf b && b.isReadable()) {
                    bytesRead();
                }
                super.channelRead(c, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext c) throws Exception {
                cancel();
                super.channelInactive(c);
            }
        };
    }

    /** After the decoder's flow control: sees a request's headers when it is its turn. */
    ChannelHandler headersIn() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext c, Object msg) throws Exception {
                if (msg instanceof HttpRequest) {
                    headersComplete();
                }
                super.channelRead(c, msg);
            }
        };
    }

    private void bytesRead() {
        lastReadNanos = System.nanoTime();
        if (phase == Phase.AWAIT_REQUEST) {
            phase = Phase.HEADERS;
            if (!firstRequest) {
                arm(headerNanos); // from the first byte of this request, not extended by later ones
            }
        }
    }

    private void headersComplete() {
        phase = Phase.BODY;
        firstRequest = false;
        lastReadNanos = System.nanoTime();
        arm(idleNanos);
    }

    /** The request is complete and goes to a worker: nothing is read until {@link #awaitNext()}. */
    void handling() {
        phase = Phase.HANDLING;
        firstRequest = false;
        cancel();
    }

    /** Its response is written and the connection stays open: wait for the next request. */
    void awaitNext() {
        phase = Phase.AWAIT_REQUEST;
        arm(idleNanos);
    }

    private void arm(long nanos) {
        cancel();
        timer = ctx.executor().schedule(this::expired, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expired() {
        timer = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        switch (phase) {
            case HANDLING -> {
                // cancelled when handling began; a late run changes nothing
            }
            case AWAIT_REQUEST -> {
                LOG.debug("HTTP connection {} closed: {}", ctx.channel().remoteAddress(),
                        firstRequest ? "no request within http.headerTimeoutSeconds" : "idle for http.idleTimeoutSeconds");
                ctx.close();
            }
            case HEADERS -> timedOut("the request's headers did not arrive within http.headerTimeoutSeconds ("
                    + TimeUnit.NANOSECONDS.toSeconds(headerNanos) + " s)");
            case BODY -> {
                long quiet = System.nanoTime() - lastReadNanos;
                if (quiet < idleNanos) {
                    arm(idleNanos - quiet); // the body moved since the timer was set
                } else {
                    timedOut("the request's body paused for longer than http.idleTimeoutSeconds ("
                            + TimeUnit.NANOSECONDS.toSeconds(idleNanos) + " s)");
                }
            }
        }
    }

    /** RFC 9110 15.5.9: 408, with "close", then close. */
    private void timedOut(String detail) {
        LOG.info("HTTP connection {} closed: {}", ctx.channel().remoteAddress(), detail);
        ApiResponse error = ApiResponse.error(new ApiException(408, "request timeout", detail));
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                Unpooled.wrappedBuffer(error.body()));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, error.contentType());
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(r, error.body().length);
        phase = Phase.HANDLING;
        ctx.channel().config().setAutoRead(false);
        ctx.channel().writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
