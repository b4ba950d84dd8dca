package org.qanode.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;

/**
 * On HTTPS only: adds {@code Strict-Transport-Security} (RFC 6797) to every response, so a
 * browser that has seen the node once never talks plain HTTP to it again for a year. A pipeline
 * stage rather than a line in each response: no response can go out without it.
 */
final class Hsts extends ChannelOutboundHandlerAdapter {
    static final String HEADER = "Strict-Transport-Security";
    /** One year, as RFC 6797 section 11.2 suggests for a site that is HTTPS only. */
    static final String VALUE = "max-age=31536000";

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response) {
            response.headers().set(HEADER, VALUE);
        }
        super.write(ctx, msg, promise);
    }
}
