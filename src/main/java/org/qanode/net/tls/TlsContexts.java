package org.qanode.net.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.qanode.util.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our TLS identity and trust as Netty {@link SslContext}s (JDK provider), reloadable: a new
 * certificate or key on disk (renewal) is picked up by {@link #reload}, called on SIGHUP and by a
 * watcher that compares the files' modification times and sizes. A new context serves only new
 * connections; an association already open keeps its {@link SslHandler} and is not disturbed. A
 * reload that fails (a half-written file, a key that does not match) keeps the old contexts and
 * says why in one line.
 *
 * <p>PEM is read by Netty itself: the certificate chain, an unencrypted PKCS#8 key
 * ({@code BEGIN PRIVATE KEY}, RSA or EC) and a bundle of trusted certificates.
 */
public final class TlsContexts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);
    /** How often the watcher looks at the files when no period is given. */
    public static final Duration DEFAULT_WATCH_PERIOD = Duration.ofSeconds(5);

    private static final List<TlsContexts> ON_SIGHUP = new CopyOnWriteArrayList<>();
    private static boolean sighupInstalled;

    private final String name;
    private final TlsSettings settings;
    private final boolean withClient;
    private volatile SslContext server;
    private volatile SslContext client;
    private volatile List<String> stamp;
    private String failedStamp;
    private ScheduledExecutorService watcher;

    private TlsContexts(String name, TlsSettings settings, boolean withClient) {
        this.name = name;
        this.settings = settings;
        this.withClient = withClient;
    }

    /**
     * Loads the contexts once, now.
     *
     * @param name       what the log lines call it, e.g. {@code dicom.tls}
     * @param withClient also a client context (our SCU side), which needs trusted certificates
     * @throws IOException naming the file that could not be used and why
     */
    public static TlsContexts load(String name, TlsSettings settings, boolean withClient) throws IOException {
        TlsContexts c = new TlsContexts(name, settings, withClient && settings.trustedCertificates() != null);
        c.stamp = c.stamp();
        c.build();
        return c;
    }

    public TlsSettings settings() {
        return settings;
    }

    /** A handler for one accepted connection, from the current server context. */
    public SslHandler newServerHandler(ByteBufAllocator alloc) {
        return server.newHandler(alloc);
    }

    /** A handler for one connection we open to {@code host:port}, from the current client context. */
    public SslHandler newClientHandler(ByteBufAllocator alloc, String host, int port) {
        SslContext c = client;
        if (c == null) {
            throw new IllegalStateException(name + ": no trusted certificates, so no TLS client side");
        }
        return c.newHandler(alloc, host, port);
    }

    /**
     * Builds new contexts when a file changed since the last (successful or failed) look.
     *
     * @return true when new contexts are in use
     */
    public synchronized boolean reloadIfChanged() {
        List<String> now = stamp();
        if (now.equals(stamp) || String.valueOf(now).equals(failedStamp)) {
            return false;
        }
        return reload(now);
    }

    /** Builds new contexts from the files as they are now, whether or not they changed (SIGHUP). */
    public synchronized boolean reload() {
        return reload(stamp());
    }

    private boolean reload(List<String> now) {
        try {
            build();
            stamp = now;
            failedStamp = null;
            LOG.info("{}: certificates reloaded from {}; new connections use them", name, settings.certificate());
            return true;
        } catch (IOException | RuntimeException e) {
            failedStamp = String.valueOf(now);
            LOG.warn("{}: certificates not reloaded, the previous ones stay in use: {}", name, e.getMessage());
            return false;
        }
    }

    /** Starts the watcher (a daemon thread) looking at the files every {@code period}. */
    public synchronized TlsContexts watch(Duration period) {
        if (watcher == null) {
            watcher = Executors.newSingleThreadScheduledExecutor(Threads.daemon("tls-watch"));
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, period.toMillis(), period.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Reloads on SIGHUP as well, where the JVM lets us handle it (sun.misc.Signal, looked up
     * reflectively: not every runtime has it, and -Xrs forbids it). Returns whether it is installed.
     */
    public boolean reloadOnSighup() {
        ON_SIGHUP.add(this);
        return installSighup();
    }

    @Override
    public synchronized void close() {
        ON_SIGHUP.remove(this);
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }

    private void build() throws IOException {
        SslContext newServer;
        SslContext newClient = null;
        try {
            SslContextBuilder b = SslContextBuilder.forServer(readable(settings.certificate(), "certificate").toFile(),
                    readable(settings.privateKey(), "privateKey").toFile());
            if (settings.trustedCertificates() != null) {
                b.trustManager(readable(settings.trustedCertificates(), "trustedCertificates").toFile())
                        .clientAuth(settings.requireClientCertificate() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            newServer = profile(b).build();
            if (withClient) {
                newClient = profile(SslContextBuilder.forClient()
                        .keyManager(settings.certificate().toFile(), settings.privateKey().toFile())
                        .trustManager(settings.trustedCertificates().toFile())).build();
            }
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException(settings.certificate() + ", " + settings.privateKey()
                    + (settings.trustedCertificates() == null ? "" : ", " + settings.trustedCertificates())
                    + ": " + rootMessage(e), e);
        }
        server = newServer;
        client = newClient;
    }

    private SslContextBuilder profile(SslContextBuilder b) {
        return b.sslProvider(SslProvider.JDK)
                .protocols(settings.profile().protocols())
                .ciphers(settings.profile().cipherSuites(), SupportedCipherSuiteFilter.INSTANCE);
    }

    private static Path readable(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException(what + " " + file + ": not a readable file");
        }
        return file;
    }

    /** Modification time and size of each file: what the watcher compares. */
    private List<String> stamp() {
        List<String> s = new ArrayList<>();
        for (Path p : new Path[] {settings.certificate(), settings.privateKey(), settings.trustedCertificates()}) {
            if (p == null) {
                continue;
            }
            try {
                s.add(Files.getLastModifiedTime(p).toMillis() + ":" + Files.size(p));
            } catch (IOException e) {
                s.add("missing");
            }
        }
        return s;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m != null ? m : t.getClass().getSimpleName();
    }

    private static synchronized boolean installSighup() {
        if (sighupInstalled) {
            return true;
        }
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object hup = signal.getConstructor(String.class).newInstance("HUP");
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            LOG.info("SIGHUP: reloading certificates");
                            ON_SIGHUP.forEach(TlsContexts::reload);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "SIGHUP handler";
                    });
            signal.getMethod("handle", signal, handlerType).invoke(null, hup, handler);
            sighupInstalled = true;
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.info("SIGHUP cannot be handled here ({}); certificates are reloaded when their files change",
                    rootMessage(e));
            return false;
        }
    }
}
