package org.qanode.app;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.qanode.account.Accounts;
import org.qanode.account.SecurityEvents;
import org.qanode.api.HttpApi;
import org.qanode.audit.AuditEvent;
import org.qanode.audit.AuditEventType;
import org.qanode.audit.AuditOutcome;
import org.qanode.audit.AuditSource;
import org.qanode.audit.AuditTrail;
import org.qanode.audit.AuditedSecurityEvents;
import org.qanode.audit.SyslogSettings;
import org.qanode.net.dimse.ScpListener;
import org.qanode.ui.WebUi;
import org.qanode.node.IngestWarmUp;
import org.qanode.node.Node;
import org.qanode.node.ResultFiles;
import org.qanode.node.TlsCipherWarmUp;
import org.qanode.metrics.NodeMetrics;
import org.qanode.metrics.ScpMetrics;
import org.qanode.net.assoc.AcceptancePolicy.CallingAe;
import org.qanode.net.dimse.StoreScp;
import org.qanode.net.dimse.StoreScpConfig;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.tls.TlsContexts;
import org.qanode.sweep.RoisConfig;
import org.qanode.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole node in one process, in start-up order: state store (index migrated), REST API with
 * comparison queue and webhook dispatcher, then the DICOM listener last, so nothing is accepted
 * before it can be stored. {@link #close} stops in reverse order: the listener stops accepting
 * and lets transfers in progress finish (or aborts them, leaving no file), then the API, then
 * the index.
 */
public final class RunningNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningNode.class);
    /** Under the data directory; removed after the warm-up (and before, should a crash have left it). */
    static final String WARM_UP_DIR = "warm-up";
    /** A warm-up slower than this (a slow disk) stops: start-up must not wait on it for long. */
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(30);
    /** The start-up self-check takes well under a second; a slower one does not hold the port closed for long. */
    private static final Duration SELF_CHECK_WAIT = Duration.ofSeconds(5);

    private final NodeLock lock;
    private final StateStore store;
    private final Node node;
    private final HttpApi api;
    private final StoreScp scp;
    private final Duration grace;
    private final List<TlsContexts> tls;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private RunningNode(NodeLock lock, StateStore store, Node node, HttpApi api, StoreScp scp, Duration grace,
            List<TlsContexts> tls) {
        this.tls = tls;
        this.lock = lock;
        this.store = store;
        this.node = node;
        this.api = api;
        this.scp = scp;
        this.grace = grace;
    }

    /**
     * Starts the node. Before anything is written: a node already running on the data directory
     * ({@link NodeLock}) or a configured port in use fails with one line naming it.
     */
    public static RunningNode start(QanodeConfig config) throws Exception {
        return start(config, SecurityEvents.NONE);
    }

    /**
     * The same, telling {@code events} (the audit trail, wired at composition) about logins,
     * logouts and account changes.
     */
    public static RunningNode start(QanodeConfig config, SecurityEvents events) throws Exception {
        Path dataDir = config.storage().dataDir();
        NodeLock.requireFree(dataDir);
        if (config.dicom().tls() == null || !config.dicom().tls().only()) {
            requirePortFree("DICOM", "dicom.port", config.dicom().bind(), config.dicom().port());
        }
        if (config.dicom().tls() != null) {
            requirePortFree("DICOM TLS", "dicom.tls.port", config.dicom().bind(), config.dicom().tls().port());
        }
        requirePortFree("HTTP", "http.port", config.http().bind(), config.http().port());
        NodeLock lock = NodeLock.acquire(dataDir);
        try {
            RunningNode node = start(config, lock, events);
            lock.publish(node.dicomPort(), URI.create(node.api.baseUrl()).getPort(), node.api.baseUrl());
            return node;
        } catch (Exception | Error e) {
            lock.close();
            throw e;
        }
    }

    /** Binding first gives "port in use" as one line, before the store is opened or created. */
    static void requirePortFree(String what, String key, String bind, int port) throws IOException {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(bind, port));
        } catch (BindException e) {
            throw new IOException(what + " port " + port + " on " + bind + " (" + key + ") is already in use");
        }
    }

    private static RunningNode start(QanodeConfig config, NodeLock lock, SecurityEvents events) throws Exception {
        // certificates first: a bad file stops start-up before anything is opened
        TlsContexts dicomTls = NodeTls.dicom(config.dicom(), true);
        TlsContexts httpTls;
        try {
            httpTls = NodeTls.http(config.http(), true);
        } catch (Exception e) {
            if (dicomTls != null) {
                dicomTls.close();
            }
            throw e;
        }
        List<TlsContexts> tls = new ArrayList<>();
        if (dicomTls != null) {
            tls.add(dicomTls);
        }
        if (httpTls != null) {
            tls.add(httpTls);
        }
        try {
            warmUp(config, !tls.isEmpty());
        } catch (InterruptedException e) {
            tls.forEach(TlsContexts::close);
            throw e;
        }
        StateStore store = StateStore.open(config.storage().dataDir(), config.storage().index(),
                config.storage().minFreeBytes(), config.storage().directWrites());
        NodeMetrics metrics = new NodeMetrics();
        AuditTrail audit = AuditTrail.start(store.index(),
                AuditSource.local(config.audit().sourceId(), config.dicom().aeTitle()), syslog(config.audit(), dicomTls));
        Node node = null;
        HttpApi api = null;
        StoreScp scp;
        try {
            SecureDefault.check(config.http(), new Accounts(store.index(), SecurityEvents.NONE).any());
            node = Node.start(store, new Node.Options(config.dicom().states(), config.dicom().receivingState(),
                    config.webhooks(), config.webhookDelivery(), config.compare(), config.rois(), config.sweep(),
                    AssociationRequestor.Config.defaults().withTls(dicomTls),
                    QaRecordChannels.of(config, store.index(), new ResultFiles(store.dataDir())::read)),
                    metrics, config.http().publicUrl(), audit);
            // the API comes up first; until the DICOM port is bound health says not ready
            node.readiness().dicomStarting();
            api = HttpApi.start(node, config.http(), httpTls, java.util.List.of(new WebUi()),
                    SecurityEvents.both(new AuditedSecurityEvents(audit), events), java.time.Clock.systemUTC());
            awaitSelfCheck(node);
            scp = StoreScp.start(scpConfig(config.dicom(), config.rois().values(), dicomTls), node.sink(),
                    ScpListener.all(new ScpMetrics(metrics), node.associations(), node.scpListener()));
            node.readiness().dicomListening();
        } catch (Exception e) {
            tls.forEach(TlsContexts::close);
            if (api != null) {
                api.close();
            }
            if (node != null) {
                node.close();
            } else {
                audit.close();
            }
            store.close();
            removeWarmUpFiles(store.dataDir());
            throw e;
        }
        if (config.dicom().tls() == null || !config.dicom().tls().only()) {
            LOG.info("DICOM SCP {} listening on {}:{}, called AE titles {}", config.dicom().aeTitle(),
                    config.dicom().bind(), scp.port(), calledAeTitles(config.dicom(), config.rois().values()));
        }
        if (dicomTls != null) {
            LOG.info("DICOM SCP {} listening with TLS ({}, client certificate {}) on {}:{}{}", config.dicom().aeTitle(),
                    dicomTls.settings().profile(), dicomTls.settings().requireClientCertificate() ? "required" : "optional",
                    config.dicom().bind(), scp.tlsPort(), config.dicom().tls().only() ? ", no plain port" : "");
        }
        node.startSweepSchedule();
        node.audit().record(AuditEvent.of(AuditEventType.APPLICATION_START, AuditOutcome.SUCCESS,
                System.getProperty("user.name"), null).about("node", config.dicom().aeTitle())
                .describe("qanode started; DICOM port " + scp.port() + (scp.tlsPort() > 0 ? ", TLS port " + scp.tlsPort() : "")
                        + ", HTTP " + api.baseUrl()));
        if (config.audit().syslog()) {
            LOG.info("audit trail: index and syslog {}://{}:{}", config.audit().protocol().name().toLowerCase(java.util.Locale.ROOT),
                    config.audit().syslogHost(), config.audit().syslogPort());
        }
        return new RunningNode(lock, store, node, api, scp, Duration.ofSeconds(config.dicom().shutdownGraceSeconds()),
                tls);
    }

    /**
     * dicom.warmUpObjects synthetic objects through a private copy of the ingest path, before
     * anything of the node is open: nothing else logs yet, so the warm-up's own lines can be kept
     * out of the log whole ({@link QuietLogging}), with a line before and one after. Its files go
     * in a folder of the data directory (the same file system as real objects, so the same write
     * and fsync paths), emptied after and removed at stop ({@link #removeWarmUpFiles}). With TLS
     * (DICOM or HTTPS) the record cipher is warmed too ({@link TlsCipherWarmUp}).
     */
    private static void warmUp(QanodeConfig config, boolean tls) throws InterruptedException {
        int objects = config.dicom().warmUpObjects();
        if (objects == 0) {
            return;
        }
        LOG.info("ingest warm-up: {} synthetic objects through a private copy of the ingest path before the DICOM port "
                + "opens (dicom.warmUpObjects; at most {} s){}", objects, WARM_UP_LIMIT.toSeconds(),
                tls ? ", and TLS's record cipher" : "");
        // the warm-up's traffic is plain TCP: DICOM TLS's and HTTPS's record cipher separately
        String cipher = tls ? "; TLS's record cipher: " + TlsCipherWarmUp.run() + " records sealed and opened" : "";
        IngestWarmUp.Result r;
        try (QuietLogging quiet = QuietLogging.open()) {
            r = IngestWarmUp.run(config.storage().dataDir().resolve(WARM_UP_DIR),
                    scpConfig(config.dicom(), config.rois().values(), null), config.storage().minFreeBytes(),
                    config.storage().directWrites(), objects, WARM_UP_LIMIT);
        }
        String took = String.format(java.util.Locale.ROOT, "%.1f s", r.nanos() / 1e9);
        if (r.ok()) {
            LOG.info("ingest warm-up done: {} objects in {}, all discarded{}", r.stored(), took, cipher);
        } else {
            LOG.warn("ingest warm-up stopped after {} of {} synthetic objects in {}: {}; the node starts without it{}",
                    r.stored(), r.objects(), took, r.problem(), cipher);
        }
    }

    /**
     * The warm-up's folder, kept (its files empty) while the node runs so that its inodes are not
     * freed just before the first real objects arrive (IngestWarmUp), goes when the node stops.
     * A failure leaves it for the next start, which deletes it before its own warm-up.
     */
    private static void removeWarmUpFiles(Path dataDir) {
        try {
            IngestWarmUp.remove(dataDir.resolve(WARM_UP_DIR));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove the warm-up folder {} (the next start removes it): {}",
                    dataDir.resolve(WARM_UP_DIR), e.toString());
        }
    }

    /**
     * The comparator's self-check at start runs before the DICOM port opens (at most
     * {@link #SELF_CHECK_WAIT}): its work (reading the profile, generating and comparing the
     * phantom) and the compilations it sets off then do not compete with the first objects a
     * peer sends, and health reports its result from the first request on. A check still running
     * after that goes on in the background, as before.
     */
    private static void awaitSelfCheck(Node node) throws InterruptedException {
        try {
            node.selftest().result().get(SELF_CHECK_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // its outcome is recorded (and alerted) by the service itself; the node starts either way
        }
    }

    /**
     * We answer to our own AE title, to every called AE title that names a state, and to the move
     * destination of every ROIS (the AE title it stores an export to).
     */
    static Set<String> calledAeTitles(DicomSettings d, Collection<RoisConfig> rois) {
        Set<String> titles = new LinkedHashSet<>();
        titles.add(d.aeTitle());
        titles.addAll(new java.util.TreeSet<>(d.states().keySet()));
        rois.forEach(r -> titles.add(r.destination()));
        return titles;
    }

    /** A non-empty allow list also admits the ROIS's sending AE titles: exports arrive from them. */
    static StoreScpConfig scpConfig(DicomSettings d, Collection<RoisConfig> rois, TlsContexts tls) {
        List<String> allowed = new ArrayList<>(d.allowedCallingAeTitles());
        if (!allowed.isEmpty()) {
            rois.forEach(r -> allowed.addAll(r.sendingAeTitles()));
        }
        return new StoreScpConfig(d.bind(), d.port(), calledAeTitles(d, rois),
                allowed.stream().distinct().map(CallingAe::any).toList(), d.maxAssociations(), d.maxPduLength(),
                Set.copyOf(d.extraSopClasses()), Duration.ofSeconds(30), Duration.ofMinutes(5))
                .withConnectionLimits(d.maxAssociationsPerHost(), d.maxPendingConnections(),
                        Duration.ofSeconds(d.pduTimeoutSeconds()))
                .withTls(NodeTls.port(d, tls));
    }

    /** The syslog receiver of the audit trail, or null: the index only. */
    static SyslogSettings syslog(AuditSettings a, TlsContexts dicomTls) {
        return a.syslog() ? new SyslogSettings(a.syslogHost(), a.syslogPort(), a.protocol(), dicomTls) : null;
    }

    /** The plain DICOM port (with dicom.tls.only, the TLS port). */
    public int dicomPort() {
        return scp.port();
    }

    /** The DICOM TLS port, or -1 without dicom.tls. */
    public int dicomTlsPort() {
        return scp.tlsPort();
    }

    public HttpApi api() {
        return api;
    }

    public Node node() {
        return node;
    }

    public StateStore store() {
        return store;
    }

    /** Blocks until {@link #close} has finished (called by the shutdown hook on SIGTERM). */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        LOG.info("shutting down: no new associations; transfers in progress get {} s", grace.toSeconds());
        try {
            // Exports and sweeps first (C-CANCEL to the ROIS), then the listener, so that every
            // object answered Success is in the store before it closes.
            node.readiness().dicomStopped();
            node.stopJobs();
            // The index stays open while transfers finish: embedded H2 does not close itself
            // on SIGTERM (DB_CLOSE_ON_EXIT=FALSE, IndexDatabase.durable); it is closed last, below.
            scp.shutdown(grace);
            api.close();
            node.audit().record(AuditEvent.of(AuditEventType.APPLICATION_STOP, AuditOutcome.SUCCESS,
                    System.getProperty("user.name"), null).about("node", node.audit().source().aeTitle())
                    .describe("qanode stopping"));
            node.close();
        } finally {
            tls.forEach(TlsContexts::close);
            store.close();
            removeWarmUpFiles(store.dataDir());
            lock.close();
            LOG.info("stopped");
            closed.countDown();
        }
    }
}
