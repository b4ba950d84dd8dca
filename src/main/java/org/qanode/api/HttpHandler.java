package org.qanode.api;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of the pipeline: copies the aggregated request into an {@link ApiRequest}
 * (the buffer is released by SimpleChannelInboundHandler when this returns), hands it to the
 * worker pool and writes the response when the worker is done. Nothing here blocks.
 *
 * <p>One request at a time per connection, so pipelined requests (RFC 9112 9.3.2) are answered
 * in the order they came: reading stops when a request goes to a worker and resumes once its
 * response is written. Requests the decoder already took from the same read wait in the
 * pipeline's {@code FlowControlHandler}. A request that asks to close the connection
 * ({@code Connection: close}, HTTP/1.0 without keep-alive) is the last one read; the connection
 * closes after its response, every earlier response having been written before it.
 */
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);

    private final Router router;
    private final Executor workers;
    private final ConnectionTimeouts timeouts;

    HttpHandler(Router router, Executor workers, ConnectionTimeouts timeouts) {
        this.router = router;
        this.workers = workers;
        this.timeouts = timeouts;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        ctx.channel().config().setAutoRead(false);
        timeouts.handling();
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        if (msg.decoderResult().isFailure()) {
            write(ctx, ApiResponse.error(ApiException.badRequest("malformed HTTP request: "
                    + msg.decoderResult().cause().getMessage())), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(msg.uri());
        Map<String, String> headers = new HashMap<>();
        msg.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        String remote = ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress isa
                && isa.getAddress() != null ? isa.getAddress().getHostAddress() : null;
        ApiRequest request = new ApiRequest(msg.method().name(), uri.path(), uri.parameters(), headers,
                ByteBufUtil.getBytes(msg.content()), Map.of(), remote);
        try {
            workers.execute(() -> write(ctx, router.dispatch(request), keepAlive));
        } catch (RejectedExecutionException e) {
            write(ctx, ApiResponse.error(new ApiException(503, "service unavailable",
                    "the node is busy or shutting down; retry shortly")), false);
        }
    }

    /**
     * Thread-safe: Netty runs the write on the channel's event loop. Reading resumes (and the
     * next pipelined request is taken) only once the response is written.
     */
    private void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()),
                Unpooled.wrappedBuffer(response.body()));
        if (response.contentType() != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        response.headers().forEach((k, v) -> r.headers().set(k, v));
        HttpUtil.setContentLength(r, response.body().length);
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(r).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    f.channel().close();
                } else if (f.channel().isActive()) {
                    timeouts.awaitNext();
                    f.channel().config().setAutoRead(true);
                }
            });
        } else {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
