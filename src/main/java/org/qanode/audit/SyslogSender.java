package org.qanode.audit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.qanode.util.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends syslog messages to the configured receiver from a thread of its own, so a slow or absent
 * receiver never holds up the node: messages wait in a bounded queue (a full queue drops the new
 * message and counts it); a failed connection or send is retried with backoff, reconnecting, the
 * message kept until it goes out. UDP: one message per datagram (RFC 5426). TCP and TLS: one
 * connection, messages octet-counted (RFC 6587 3.4.1, RFC 5425 4.3).
 */
final class SyslogSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyslogSender.class);
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);
    private static final long MAX_BACKOFF_MS = 30_000;

    private final SyslogSettings settings;
    private final BlockingQueue<byte[]> queue;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    private Transport transport;

    SyslogSender(SyslogSettings settings, int capacity) {
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Threads.daemonThread("audit-syslog", this::run);
        thread.start();
    }

    /** Queues a message; false (and counted) when the queue is full. Never blocks. */
    boolean offer(byte[] message) {
        pending.incrementAndGet();
        if (closed || !queue.offer(message)) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    long sent() {
        return sent.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** Failed connection or send attempts (each retried). */
    long failures() {
        return failures.get();
    }

    /** Messages queued or being sent. */
    long pending() {
        return pending.get();
    }

    private void run() {
        long backoff = 500;
        byte[] message = null;
        while (!closed || (message != null || !queue.isEmpty())) {
            try {
                if (message == null) {
                    message = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (message == null) {
                        continue;
                    }
                }
                if (transport == null) {
                    transport = open();
                    LOG.info("audit messages go to syslog {}", settings);
                }
                transport.send(message);
                sent.incrementAndGet();
                pending.decrementAndGet();
                message = null;
                backoff = 500;
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException e) {
                failures.incrementAndGet();
                if (failures.get() == 1 || failures.get() % 100 == 0) {
                    LOG.warn("audit syslog {}: {} (retrying; {} failures so far)", settings, e.getMessage(),
                            failures.get());
                }
                closeTransport();
                if (closed) {
                    break;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    break;
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
        closeTransport();
    }

    private Transport open() throws IOException {
        return settings.protocol() == SyslogSettings.Protocol.UDP ? new Udp(settings) : new Stream(settings);
    }

    private void closeTransport() {
        if (transport != null) {
            transport.close();
            transport = null;
        }
    }

    /** Sends what is queued for up to {@code grace}, then stops. */
    void close(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline && thread.isAlive()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closed = true;
        thread.interrupt();
        try {
            thread.join(IO_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private interface Transport {
        void send(byte[] message) throws IOException;

        void close();
    }

    private static final class Udp implements Transport {
        private final DatagramSocket socket;
        private final InetSocketAddress target;

        Udp(SyslogSettings s) throws IOException {
            this.target = new InetSocketAddress(s.host(), s.port());
            if (target.isUnresolved()) {
                throw new IOException("cannot resolve " + s.host());
            }
            this.socket = new DatagramSocket();
        }

        @Override
        public void send(byte[] message) throws IOException {
            socket.send(new DatagramPacket(message, message.length, target));
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** TCP, or TLS with the client side of dicom.tls; Netty for both, as every other socket of the node. */
    private static final class Stream implements Transport {
        private final EventLoopGroup group = new NioEventLoopGroup(1, Threads.daemon("audit-syslog-io"));
        private final Channel channel;

        Stream(SyslogSettings s) throws IOException {
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) IO_TIMEOUT.toMillis())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (s.protocol() == SyslogSettings.Protocol.TLS) {
                                ch.pipeline().addLast(s.tls().newClientHandler(ch.alloc(), s.host(), s.port()));
                            }
                        }
                    });
            try {
                ChannelFuture f = b.connect(s.host(), s.port());
                if (!f.awaitUninterruptibly(IO_TIMEOUT.toMillis() + 1000) || !f.isSuccess()) {
                    throw new IOException("cannot connect: " + (f.cause() == null ? "timed out" : f.cause().getMessage()));
                }
                channel = f.channel();
                SslHandler tls = channel.pipeline().get(SslHandler.class);
                if (tls != null) {
                    var hs = tls.handshakeFuture();
                    if (!hs.awaitUninterruptibly(IO_TIMEOUT.toMillis()) || !hs.isSuccess()) {
                        channel.close();
                        throw new IOException("TLS handshake failed: "
                                + (hs.cause() == null ? "timed out" : hs.cause().getMessage()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                throw e;
            }
        }

        @Override
        public void send(byte[] message) throws IOException {
            if (!channel.isActive()) {
                throw new IOException("connection closed by the receiver");
            }
            ChannelFuture w = channel.writeAndFlush(Unpooled.wrappedBuffer(Rfc5424.octetCounted(message)));
            if (!w.awaitUninterruptibly(IO_TIMEOUT.toMillis()) || !w.isSuccess()) {
                throw new IOException("send failed: " + (w.cause() == null ? "timed out" : w.cause().getMessage()));
            }
        }

        @Override
        public void close() {
            channel.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
