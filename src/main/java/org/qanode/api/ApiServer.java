package org.qanode.api;

import org.qanode.util.Threads;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.qanode.net.tls.TlsContexts;
import org.qanode.net.tls.TlsHandshakeLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API's HTTP/1.1 server on Netty. The event loop only decodes, aggregates (bounded by
 * {@code http.maxBodyBytes}) and writes; every handler runs on a small worker pool because
 * handlers touch the index and the disk. A connection has one request in hand at a time
 * ({@link HttpHandler}), and what it may hold while idle or half-sent is bounded
 * ({@link ConnectionTimeouts}).
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final int WORKERS = 8;
    static final int WORK_QUEUE = 256;

    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final ExecutorService workers;
    private final Channel channel;

    private ApiServer(EventLoopGroup boss, EventLoopGroup io, ExecutorService workers, Channel channel) {
        this.boss = boss;
        this.io = io;
        this.workers = workers;
        this.channel = channel;
    }

    public static ApiServer start(HttpSettings http, Router router) throws InterruptedException {
        return start(http, router, null);
    }

    /** With {@code tls}: HTTPS (TLS handler first in the pipeline) and HSTS on every response. */
    public static ApiServer start(HttpSettings http, Router router, TlsContexts tls) throws InterruptedException {
        return start(http.bind(), http.port(), http.maxBodyBytes(), http.headerTimeoutSeconds() * 1000L,
                http.idleTimeoutSeconds() * 1000L, router, tls);
    }

    /** Time-outs in milliseconds, so that tests need not wait whole seconds. */
    static ApiServer start(String bind, int port, int maxBodyBytes, long headerTimeoutMillis, long idleTimeoutMillis,
            Router router) throws InterruptedException {
        return start(bind, port, maxBodyBytes, headerTimeoutMillis, idleTimeoutMillis, router, null);
    }

    static ApiServer start(String bind, int port, int maxBodyBytes, long headerTimeoutMillis, long idleTimeoutMillis,
            Router router, TlsContexts tls) throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1, Threads.daemon("http-accept"));
        EventLoopGroup io = new NioEventLoopGroup(2, Threads.daemon("http-io"));
        // Bounded: under overload a request gets 503 at once instead of waiting unboundedly.
        ExecutorService workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WORK_QUEUE), Threads.daemon("http-worker"));
        try {
            Channel ch = new ServerBootstrap()
                    .group(boss, io)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            if (tls != null) {
                                c.pipeline().addLast(tls.newServerHandler(c.alloc()), new TlsHandshakeLog("from", null));
                            }
                            ConnectionTimeouts timeouts = new ConnectionTimeouts(headerTimeoutMillis, idleTimeoutMillis);
                            c.pipeline().addLast(timeouts.bytesIn(), new HttpServerCodec());
                            if (tls != null) {
                                c.pipeline().addLast(new Hsts());
                            }
                            c.pipeline().addLast(
                                    // holds requests decoded from one read while one is handled
                                    new FlowControlHandler(),
                                    timeouts.headersIn(),
                                    new BodyLimit(maxBodyBytes),
                                    new HttpHandler(router, workers, timeouts));
                        }
                    })
                    .bind(new InetSocketAddress(bind, port)).sync().channel();
            ApiServer server = new ApiServer(boss, io, workers, ch);
            LOG.info("REST API listening on {}://{}:{} (header time-out {} ms, idle time-out {} ms)",
                    tls != null ? "https" : "http", bind, server.port(), headerTimeoutMillis, idleTimeoutMillis);
            return server;
        } catch (InterruptedException | RuntimeException e) {
            workers.shutdownNow();
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            io.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting, lets running handlers finish (bounded), then closes connections. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

}
