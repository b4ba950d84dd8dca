package org.qanode.net.assoc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.qanode.net.pdu.PduDecoder;
import org.qanode.net.pdu.PduEncoder;
import org.qanode.net.tls.TlsContexts;
import org.qanode.net.tls.TlsHandshakeLog;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The acceptor: binds a port and runs one {@link AssociationHandler} per connection, each on one
 * event loop. Pipeline: idle timer, per-PDU deadline, PDU framing/decoding, PDU encoding, the
 * state machine; on the TLS port (PS3.15 B.1: a port of its own) a TLS handler and the handshake
 * log come first. Both ports share the event loops and every limit below.
 *
 * <p>What bounds a peer's hold on us: ARTIM until its A-ASSOCIATE-RQ is complete (PS3.8 9.2.3),
 * {@code maxPendingConnections} such connections at once, {@code pduTimeout} per PDU once
 * associated, {@code idleTimeout} of silence, and the association limits of the
 * {@link AcceptancePolicy} (in total and per calling host).
 */
public final class DicomServer implements AutoCloseable {
    /** Settings, validated once. {@code port} 0 picks a free port (tests). */
    public record Config(String bindHost, int port, AcceptancePolicy policy, Duration artimTimeout, Duration idleTimeout,
                         Duration pduTimeout, int maxPendingConnections, TlsPort tls) {
        /** A PDU may take this long from its first byte to its last. */
        public static final Duration DEFAULT_PDU_TIMEOUT = Duration.ofSeconds(60);

        public Config {
            Objects.requireNonNull(bindHost, "bindHost");
            Objects.requireNonNull(policy, "policy");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: must be 0..65535, was " + port);
            }
            if (artimTimeout.isNegative() || artimTimeout.isZero()) {
                throw new IllegalArgumentException("artimTimeout: must be positive, was " + artimTimeout);
            }
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout: must be positive, was " + idleTimeout);
            }
            if (pduTimeout.isNegative() || pduTimeout.isZero()) {
                throw new IllegalArgumentException("pduTimeout: must be positive, was " + pduTimeout);
            }
            if (maxPendingConnections < 1) {
                throw new IllegalArgumentException("maxPendingConnections: must be at least 1, was " + maxPendingConnections);
            }
        }

        /** Without a TLS port. */
        public Config(String bindHost, int port, AcceptancePolicy policy, Duration artimTimeout, Duration idleTimeout,
                      Duration pduTimeout, int maxPendingConnections) {
            this(bindHost, port, policy, artimTimeout, idleTimeout, pduTimeout, maxPendingConnections, null);
        }

        public Config withTls(TlsPort tlsPort) {
            return new Config(bindHost, port, policy, artimTimeout, idleTimeout, pduTimeout, maxPendingConnections, tlsPort);
        }

        /** Default PDU deadline and pending-connection limit. */
        public Config(String bindHost, int port, AcceptancePolicy policy, Duration artimTimeout, Duration idleTimeout) {
            this(bindHost, port, policy, artimTimeout, idleTimeout, DEFAULT_PDU_TIMEOUT,
                    AssociationLimiter.DEFAULT_MAX_PENDING_CONNECTIONS);
        }

        /** PS3.8 leaves ARTIM to the implementation; 30 s as dcmtk's default ACSE timeout. */
        public static Config of(String bindHost, int port, AcceptancePolicy policy) {
            return new Config(bindHost, port, policy, Duration.ofSeconds(30), Duration.ofMinutes(5));
        }
    }

    /**
     * The TLS listener: {@code port} (0: any free port), the contexts each new connection takes
     * its handler from, and {@code only}: no plain port at all.
     */
    public record TlsPort(int port, TlsContexts contexts, boolean only) {
        public TlsPort {
            Objects.requireNonNull(contexts, "contexts");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("tls port: must be 0..65535, was " + port);
            }
        }
    }

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel plainChannel;
    private final Channel tlsChannel;
    private final List<Channel> serverChannels = new ArrayList<>();
    private final AssociationLimiter limiter;

    private DicomServer(Config config, AssociationListener listener) throws InterruptedException {
        limiter = new AssociationLimiter(config.maxPendingConnections());
        boss = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup();
        try {
            TlsPort tls = config.tls();
            plainChannel = tls != null && tls.only() ? null : bind(config, config.port(), null, listener);
            tlsChannel = tls == null ? null : bind(config, tls.port(), tls.contexts(), listener);
        } catch (InterruptedException | RuntimeException e) {
            serverChannels.forEach(c -> c.close().syncUninterruptibly());
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    private Channel bind(Config config, int port, TlsContexts tls, AssociationListener listener) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                // ARCHITECTURE.md: Nagle x delayed ACK costs ~45 ms per message.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            // each connection takes the contexts current now: a certificate reload
                            // changes new connections only
                            ch.pipeline().addLast(tls.newServerHandler(ch.alloc()), new TlsHandshakeLog("from", null));
                        }
                        ch.pipeline().addLast(
                                new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS),
                                new PduDeadline(config.pduTimeout()),
                                new PduDecoder(config.policy().maxPduLength()),
                                new PduEncoder(),
                                AssociationHandler.acceptor(config.policy(), limiter, listener, config.artimTimeout()));
                    }
                });
        Channel ch = b.bind(config.bindHost(), port).sync().channel();
        serverChannels.add(ch);
        return ch;
    }

    public static DicomServer start(Config config, AssociationListener listener) throws InterruptedException {
        return new DicomServer(config, listener);
    }

    /** The plain port; with {@code tls.only}, the TLS port (the one port there is). */
    public int port() {
        return ((InetSocketAddress) (plainChannel != null ? plainChannel : tlsChannel).localAddress()).getPort();
    }

    /** The TLS port, or -1 when there is none. */
    public int tlsPort() {
        return tlsChannel == null ? -1 : ((InetSocketAddress) tlsChannel.localAddress()).getPort();
    }

    /** Whether the plain (non-TLS) port is open. */
    public boolean plainPort() {
        return plainChannel != null;
    }

    public int activeAssociations() {
        return limiter.active();
    }

    /** Connections without an accepted association (A-ASSOCIATE-RQ not yet complete, or rejected). */
    public int pendingConnections() {
        return limiter.pending();
    }

    /** Closes the listening socket: new connections are refused, open associations go on. */
    public void stopAccepting() {
        serverChannels.forEach(c -> c.close().syncUninterruptibly());
    }

    @Override
    public void close() {
        serverChannels.forEach(c -> c.close().syncUninterruptibly());
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
