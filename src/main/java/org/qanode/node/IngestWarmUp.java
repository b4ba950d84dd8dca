package org.qanode.node;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.qanode.audit.AuditSource;
import org.qanode.audit.AuditTrail;
import org.qanode.audit.ScpAudit;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.ingest.ObservedSink;
import org.qanode.ingest.CalledAeResolver;
import org.qanode.metrics.NodeMetrics;
import org.qanode.metrics.ScpMetrics;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.dimse.DimseClient;
import org.qanode.net.dimse.DimseResponse;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.ScpListener;
import org.qanode.net.dimse.StoreScp;
import org.qanode.net.dimse.StoreScpConfig;
import org.qanode.net.pdu.PresentationContextRq;
import org.qanode.store.StateStore;
import org.qanode.sweep.ExportRouter;
import org.qanode.util.FileTrees;
import org.qanode.util.Threads;
import org.qanode.webhook.WebhookOutbox;

/**
 * Runs synthetic RT objects ({@link WarmUpObjects}) through a private copy of the ingest path
 * before the node opens its DICOM port, so that the first objects a peer sends after a start are
 * handled by compiled code instead of the interpreter and the JIT compiler's queue (docs/performance.md,
 * "Ingest: warm-up at start"). On a node of two cores the first thousand objects after a start
 * otherwise cost about twice the CPU of later ones, most of it the compiler's.
 *
 * <p>The copy is the real code on private instances: a {@link StateStore} with its own embedded
 * H2 index in {@code dir} (fsync, journal, index commit, digest as for real objects), the SCP
 * with the node's own settings but bound to the loopback address on a free port, the
 * {@link ObservedSink} with the node's routing and events, metrics, association log and audit of
 * a node, over several associations at once from our own SCU. Nothing of it reaches the node: its metrics registry, audit trail and
 * index are its own and are discarded, it sends to no syslog receiver and its webhook outbox has
 * no receiver. {@code dir} is deleted before (one left by a crash goes at the next start); after,
 * its files are cut to zero bytes but kept, and the caller deletes the folder when the node stops
 * ({@link #remove}). Deleting thousands of files just before the first real ones are created
 * would slow those: ext4 without a journal passes over every inode freed in the last 5-35 seconds
 * when it allocates one (the kernel's {@code recently_deleted}), 0.2 ms of system time per
 * received object on the test VM (docs/performance.md, "Ingest: the warm-up's files"). The caller
 * keeps the warm-up's log lines out of the node's log ({@code QuietLogging}).
 * A warm-up that fails (a full disk, say) is reported in its {@link Result} and changes nothing
 * else: the node starts as it would have without it.
 */
public final class IngestWarmUp {
    /** The state the warm-up files into (in its private store). */
    static final String STATE = "warm-up";
    static final String CALLING_AE_TITLE = "QANODE-WARM-UP";
    /** As many as a busy export sends at once (bench/ingest-bench.sh's four storescu processes). */
    static final int ASSOCIATIONS = 4;

    /**
     * What the warm-up did.
     *
     * @param problem the first failure (refused object, association or store error), or null
     */
    public record Result(int objects, int stored, long nanos, String problem) {
        public boolean ok() {
            return problem == null && stored == objects;
        }
    }

    private IngestWarmUp() {
    }

    /**
     * Sends {@code objects} new objects through the private ingest path in {@code dir}, then cuts
     * its files to zero bytes (the folder stays until {@link #remove}). {@code scp}: the node's SCP
     * settings (AE titles, PDU length, limits); its address is replaced by a free loopback port, TLS
     * dropped, any calling AE title accepted and at least {@value #ASSOCIATIONS} associations from
     * one host allowed. Stops sending when {@code limit} has passed. Never throws for a failure of
     * the warm-up itself.
     */
    public static Result run(Path dir, StoreScpConfig scp, long minFreeBytes, boolean directWrites, int objects,
            Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        AtomicInteger stored = new AtomicInteger();
        AtomicReference<String> problem = new AtomicReference<>();
        settleDigestClasses();
        try {
            FileTrees.delete(dir);
            try (StateStore store = StateStore.open(dir, StateStore.defaultIndexUrl(dir), minFreeBytes, directWrites)) {
                sendThroughPrivateNode(store, scp, objects, deadline, stored, problem);
            }
        } catch (IOException | java.sql.SQLException | RuntimeException e) {
            problem.compareAndSet(null, e.toString());
        } finally {
            try {
                FileTrees.truncateFiles(dir);
            } catch (IOException e) {
                problem.compareAndSet(null, "could not empty " + dir + ": " + e);
            }
        }
        if (problem.get() == null && stored.get() < objects) {
            problem.set("stopped after " + limit.toSeconds() + " s");
        }
        return new Result(objects, stored.get(), System.nanoTime() - start, problem.get());
    }

    /** Deletes what a warm-up left in {@code dir} (at the node's stop; at start {@link #run} does). */
    public static void remove(Path dir) throws IOException {
        FileTrees.delete(dir);
    }

    private static void sendThroughPrivateNode(StateStore store, StoreScpConfig scp, int objects, long deadline,
            AtomicInteger stored, AtomicReference<String> problem) throws InterruptedException {
        NodeMetrics metrics = new NodeMetrics();
        AuditTrail audit = AuditTrail.start(store.index(), AuditSource.local(null, CALLING_AE_TITLE), null);
        ScpAudit scpAudit = new ScpAudit(audit);
        try {
            // the node's own routing and events, on the private index: the first object of the
            // state is announced (into the private outbox) as a real one would be
            ExportRouter router = new ExportRouter(new CalledAeResolver(Map.of(), () -> STATE));
            NodeEvents events = new NodeEvents(new WebhookOutbox(store.index(), List.of()), metrics,
                    () -> "http://127.0.0.1");
            ObservedSink sink = new ObservedSink(store, router, metrics, events, scpAudit);
            // a site's tighter limits (one association per host, say) must not refuse the warm-up's four
            StoreScpConfig local = scp.withAddress("127.0.0.1", 0).withTls(null).withAllowedCallingAeTitles(List.of())
                    .withMaxAssociations(Math.max(ASSOCIATIONS, scp.maxAssociations()))
                    .withConnectionLimits(Math.max(ASSOCIATIONS, scp.maxAssociationsPerHost()),
                            Math.max(ASSOCIATIONS, scp.maxPendingConnections()), scp.pduTimeout());
            StoreScp listener = StoreScp.start(local, sink, ScpListener.all(new ScpMetrics(metrics),
                    new AssociationLog(store.index(), router::stateOf), scpAudit));
            try {
                String called = scp.aeTitles().iterator().next();
                WarmUpObjects corpus = new WarmUpObjects();
                List<Thread> senders = new ArrayList<>();
                for (int a = 0; a < ASSOCIATIONS; a++) {
                    int association = a;
                    Thread t = Threads.daemonThread("qanode-warm-up-" + (a + 1), () -> send(listener.port(), called,
                            corpus, association, objects, deadline, stored, problem));
                    t.start();
                    senders.add(t);
                }
                for (Thread t : senders) {
                    t.join();
                }
            } finally {
                listener.shutdown(Duration.ofSeconds(5));
            }
        } finally {
            scpAudit.close();
            audit.close();
        }
    }

    /** Association {@code association} sends objects association+1, association+1+ASSOCIATIONS, ... */
    private static void send(int port, String called, WarmUpObjects corpus, int association, int objects,
            long deadline, AtomicInteger stored, AtomicReference<String> problem) {
        List<PresentationContextRq> contexts = new ArrayList<>();
        for (WarmUpObjects.Kind k : WarmUpObjects.Kind.values()) {
            contexts.add(new PresentationContextRq(contextId(k), k.sopClassUid,
                    List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)));
        }
        try (DimseClient client = DimseClient.open("127.0.0.1", port, CALLING_AE_TITLE, called, contexts,
                AssociationRequestor.Config.defaults())) {
            for (int n = association + 1; n <= objects && problem.get() == null; n += ASSOCIATIONS) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                WarmUpObjects.Kind kind = kind(n);
                WarmUpObjects.Encoded o = corpus.object(kind, n);
                DimseResponse rsp = client.store(contextId(kind), kind.sopClassUid, o.sopInstanceUid(),
                        new ByteArrayInputStream(o.dataSet()), Duration.ofNanos(left));
                if (DimseStatus.isFailure(rsp.status())) {
                    problem.compareAndSet(null, "a synthetic " + kind.name().toLowerCase(java.util.Locale.ROOT)
                            + " was refused: " + DimseStatus.name(rsp.status())
                            + (rsp.command().errorComment() != null ? " (" + rsp.command().errorComment() + ")" : ""));
                    return;
                }
                stored.incrementAndGet();
            }
        } catch (IOException | org.qanode.net.assoc.AssociationRejectedException
                | org.qanode.net.assoc.AssociationAbortedException | RuntimeException e) {
            problem.compareAndSet(null, e.toString());
        } catch (InterruptedException e) {
            problem.compareAndSet(null, "interrupted");
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The node's HTTP clients (webhooks, QA record) set up TLS when the node starts, after the
     * warm-up, and with it the other digests (SHA-384 and SHA-512 for the signature schemes,
     * SHA-224). A subclass of the digest's classes loaded after C2 compiled the SHA-256 of every
     * received byte invalidates that code (it relied on the class hierarchy it saw) and it was
     * compiled again during the first real objects (-XX:+PrintCompilation: "made not entrant" as
     * the node opened its API). Every message digest the JDK offers is loaded first, so the
     * hierarchy C2 sees is the one the node runs with.
     */
    static void settleDigestClasses() {
        for (String algorithm : java.security.Security.getAlgorithms("MessageDigest")) {
            try {
                java.security.MessageDigest.getInstance(algorithm);
            } catch (java.security.NoSuchAlgorithmException | RuntimeException e) {
                // listed but not instantiable here: nothing to load
            }
        }
    }

    /** One presentation context per kind, ids odd as PS3.8 9.3.2.2 wants them. */
    private static int contextId(WarmUpObjects.Kind kind) {
        return 1 + 2 * kind.ordinal();
    }

    /**
     * The traffic of an export from an oncology information system: records mostly, a plan in
     * five, and one RT Dose per association (the store's path for objects over 1 MiB).
     */
    static WarmUpObjects.Kind kind(int n) {
        if (n <= ASSOCIATIONS) {
            return WarmUpObjects.Kind.DOSE;
        }
        return n % 5 == 0 ? WarmUpObjects.Kind.PLAN : WarmUpObjects.Kind.RECORD;
    }
}
