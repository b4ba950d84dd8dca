package org.qanode.net.assoc;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.qanode.net.pdu.AAssociateRq;
import org.qanode.net.pdu.AbortReason;
import org.qanode.net.pdu.AbortSource;
import org.qanode.net.pdu.PduDecoder;
import org.qanode.net.pdu.PduEncoder;
import org.qanode.net.pdu.PresentationContextRq;
import org.qanode.net.pdu.UserInformation;
import org.qanode.net.pdu.UserInformationItem;
import org.qanode.net.tls.TlsContexts;
import org.qanode.net.tls.TlsHandshakeLog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The requestor side (PS3.8 7.1.1): opens a TCP connection, sends an A-ASSOCIATE-RQ, and
 * completes with the {@link Association} on A-ASSOCIATE-AC, or exceptionally with
 * {@link AssociationRejectedException} (RJ) or {@link AssociationAbortedException} (abort,
 * connection failure, timeout). With {@link Config#tls} the connection is TLS (PS3.15 B.1) with
 * our certificate and trusted peers; a failed handshake aborts with its reason.
 */
public final class AssociationRequestor {
    /**
     * Settings. {@code associationTimeout} bounds the wait for AC/RJ; {@code idleTimeout} a silent
     * peer; {@code tls}: connect with TLS using these contexts, null for plain TCP.
     */
    public record Config(Duration connectTimeout, Duration associationTimeout, Duration artimTimeout, Duration idleTimeout,
                         long maxPduLength, TlsContexts tls) {
        public Config {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(associationTimeout, "associationTimeout");
            Objects.requireNonNull(artimTimeout, "artimTimeout");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
        }

        /** Plain TCP. */
        public Config(Duration connectTimeout, Duration associationTimeout, Duration artimTimeout, Duration idleTimeout,
                      long maxPduLength) {
            this(connectTimeout, associationTimeout, artimTimeout, idleTimeout, maxPduLength, null);
        }

        /** The same over TLS with {@code contexts}, or over plain TCP when null. */
        public Config withTls(TlsContexts contexts) {
            return new Config(connectTimeout, associationTimeout, artimTimeout, idleTimeout, maxPduLength, contexts);
        }

        public static Config defaults() {
            return new Config(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(5), 16384);
        }
    }

    private final EventLoopGroup group;
    private final Config config;

    public AssociationRequestor(EventLoopGroup group, Config config) {
        this.group = group;
        this.config = config;
    }

    /** An A-ASSOCIATE-RQ with our implementation identification and maximum length, plus any extra sub-items. */
    public AAssociateRq request(String callingAeTitle, String calledAeTitle, List<PresentationContextRq> contexts,
                                UserInformationItem... extra) {
        List<UserInformationItem> items = new ArrayList<>();
        items.add(new UserInformationItem.MaximumLength(config.maxPduLength()));
        items.add(new UserInformationItem.ImplementationClassUid(Implementation.CLASS_UID));
        items.addAll(List.of(extra).stream().filter(i -> !(i instanceof UserInformationItem.SopClassExtendedNegotiation)
                && !(i instanceof UserInformationItem.UserIdentityRq)).toList());
        items.add(new UserInformationItem.ImplementationVersionName(Implementation.VERSION_NAME));
        // PS3.7 D.3.3: extended negotiation and user identity follow the version name.
        items.addAll(List.of(extra).stream().filter(i -> i instanceof UserInformationItem.SopClassExtendedNegotiation
                || i instanceof UserInformationItem.UserIdentityRq).toList());
        return new AAssociateRq(calledAeTitle, callingAeTitle, contexts, new UserInformation(items));
    }

    public CompletableFuture<Association> connect(String host, int port, AAssociateRq rq, AssociationListener listener) {
        CompletableFuture<Association> result = new CompletableFuture<>();
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (config.tls() != null) {
                            ch.pipeline().addLast(config.tls().newClientHandler(ch.alloc(), host, port),
                                    new TlsHandshakeLog("to", cause -> {
                                        AssociationAbortedException e = new AssociationAbortedException(
                                                "TLS handshake with " + host + ":" + port + " failed: " + cause.getMessage(),
                                                AbortSource.SERVICE_PROVIDER, AbortReason.NOT_SPECIFIED);
                                        e.initCause(cause);
                                        result.completeExceptionally(e);
                                    }));
                        }
                        ch.pipeline().addLast(
                                new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS),
                                new PduDecoder(config.maxPduLength()),
                                new PduEncoder(),
                                AssociationHandler.requestor(rq, listener, config.artimTimeout(), config.associationTimeout(), result));
                    }
                });
        ChannelFuture f = b.connect(host, port);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                AssociationAbortedException e = new AssociationAbortedException("cannot connect to " + host + ":" + port
                        + ": " + done.cause(), AbortSource.SERVICE_PROVIDER, AbortReason.NOT_SPECIFIED);
                e.initCause(done.cause()); // callers tell "connection refused" from a time-out by it
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
