package org.qanode.net.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the {@link SslHandler}: one line for a handshake that failed (protocol or
 * cipher suite not allowed, untrusted or missing certificate, plain DICOM or HTTP on the TLS port),
 * a DEBUG line with version, suite and peer certificate for one that succeeded. TLS errors stop
 * here, so the handlers behind see only a closed connection and log nothing more.
 */
public final class TlsHandshakeLog extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeLog.class);

    private final String side;
    private final Consumer<Throwable> onFailure;

    /**
     * @param side      "from" for connections we accept, "to" for those we open (in the log line)
     * @param onFailure told the cause of a failed handshake (the SCU completes its association
     *                  future with it), or null
     */
    public TlsHandshakeLog(String side, Consumer<Throwable> onFailure) {
        this.side = side;
        this.onFailure = onFailure;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                if (LOG.isDebugEnabled()) {
                    SSLSession s = ctx.pipeline().get(SslHandler.class).engine().getSession();
                    String peer;
                    try {
                        peer = s.getPeerPrincipal().getName();
                    } catch (SSLPeerUnverifiedException e) {
                        peer = "no certificate";
                    }
                    LOG.debug("TLS {} {}: {} {}, peer {}", side, ctx.channel().remoteAddress(), s.getProtocol(),
                            s.getCipherSuite(), peer);
                }
            } else {
                LOG.warn("TLS handshake {} {} failed: {}", side, ctx.channel().remoteAddress(), describe(done.cause()));
                if (onFailure != null) {
                    onFailure.accept(done.cause());
                }
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isTls(cause)) {
            // already said by the handshake event (or a TLS alert after it): close, nothing more
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private static boolean isTls(Throwable cause) {
        if (cause instanceof NotSslRecordException) {
            return true;
        }
        Throwable t = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        return t instanceof SSLException;
    }

    /** "not a TLS record (plain DICOM on the TLS port?)", or the JDK's reason. */
    static String describe(Throwable cause) {
        Throwable t = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (cause instanceof NotSslRecordException || t instanceof NotSslRecordException) {
            return "not a TLS record (a plain, unencrypted connection to the TLS port?)";
        }
        return TlsContexts.rootMessage(t);
    }
}
