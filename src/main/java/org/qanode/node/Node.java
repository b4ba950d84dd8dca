package org.qanode.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.qanode.audit.AuditSource;
import org.qanode.audit.AuditTrail;
import org.qanode.audit.ScpAudit;
import org.qanode.ingest.CalledAeResolver;
import org.qanode.ingest.ObservedSink;
import org.qanode.metrics.NodeMetrics;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.dimse.StorageSink;
import org.qanode.net.pdu.AAssociateRj;
import org.qanode.store.StateStore;
import org.qanode.sweep.ExportRouter;
import org.qanode.sweep.ExportStatus;
import org.qanode.sweep.RoisConfig;
import org.qanode.sweep.SweepSettings;
import org.qanode.webhook.OutboxChannel;
import org.qanode.webhook.RetryPolicy;
import org.qanode.webhook.WebhookDispatcher;
import org.qanode.webhook.WebhookOutbox;
import org.qanode.webhook.WebhookTarget;

/**
 * The application: everything of the node above the state store and below its adapters (the
 * DICOM listener, HTTP, the CLI). Receiving state and the routing of incoming objects, the sink
 * the SCP feeds (with metrics and first-object events), comparison, export and sweep services,
 * the webhook outbox and its dispatcher. Knows nothing of HTTP: its services refuse requests
 * with {@link NodeException}. The caller owns the store and closes it after this.
 */
public final class Node implements AutoCloseable {

    /**
     * @param states                   dicom.states: called AE title to state
     * @param configuredReceivingState dicom.receivingState, used until one is set over REST
     * @param rois                     query/retrieve peers by name
     * @param sweep                    null: none configured
     * @param qaRecord                 QA record systems (Redmine, QATrack+) fed through the outbox
     */
    public record Options(Map<String, String> states, String configuredReceivingState, List<WebhookTarget> webhooks,
            RetryPolicy webhookDelivery, CompareSettings compare, Map<String, RoisConfig> rois, SweepSettings sweep,
            AssociationRequestor.Config associations, List<OutboxChannel> qaRecord) {

        public Options {
            rois = rois == null ? Map.of() : Map.copyOf(rois);
            associations = associations == null ? AssociationRequestor.Config.defaults() : associations;
            qaRecord = qaRecord == null ? List.of() : List.copyOf(qaRecord);
        }

        /** A node without QA record systems. */
        public Options(Map<String, String> states, String configuredReceivingState, List<WebhookTarget> webhooks,
                RetryPolicy webhookDelivery, CompareSettings compare, Map<String, RoisConfig> rois, SweepSettings sweep,
                AssociationRequestor.Config associations) {
            this(states, configuredReceivingState, webhooks, webhookDelivery, compare, rois, sweep, associations, null);
        }

        /** A node without query/retrieve peers nor sweep. */
        public Options(Map<String, String> states, String configuredReceivingState, List<WebhookTarget> webhooks,
                RetryPolicy webhookDelivery, CompareSettings compare) {
            this(states, configuredReceivingState, webhooks, webhookDelivery, compare, Map.of(), null, null, null);
        }
    }

    private final StateStore store;
    private final NodeMetrics metrics;
    private final ReceivingState receiving;
    private final ExportRouter resolver;
    private final ObservedSink sink;
    private final WebhookOutbox outbox;
    private final ComparisonService comparisons;
    private final ReviewService reviews;
    private final ExportService exports;
    private final SweepService sweeps;
    private final WebhookDispatcher dispatcher;
    private final AtomicReference<String> baseUrl;
    private final Readiness readiness;
    private final SelfCheckService selftest;
    private final AssociationLog associations;
    private final AuditTrail audit;
    private final ScpAudit scpAudit;

    private Node(StateStore store, NodeMetrics metrics, ReceivingState receiving, ExportRouter resolver,
            ObservedSink sink, WebhookOutbox outbox, ComparisonService comparisons, ReviewService reviews,
            ExportService exports, SweepService sweeps, WebhookDispatcher dispatcher, AtomicReference<String> baseUrl,
            SelfCheckService selftest, AssociationLog associations, AuditTrail audit, ScpAudit scpAudit) {
        this.audit = audit;
        this.scpAudit = scpAudit;
        this.store = store;
        this.associations = associations;
        this.metrics = metrics;
        this.receiving = receiving;
        this.resolver = resolver;
        this.sink = sink;
        this.outbox = outbox;
        this.comparisons = comparisons;
        this.reviews = reviews;
        this.exports = exports;
        this.sweeps = sweeps;
        this.dispatcher = dispatcher;
        this.baseUrl = baseUrl;
        this.readiness = new Readiness(store);
        this.selftest = selftest;
    }

    /**
     * Builds the services, starts the webhook dispatcher and queues again the comparisons a
     * previous process left unfinished.
     *
     * @param baseUrl how clients reach the node, for links in events; null until {@link #baseUrl(String)}
     */
    public static Node start(StateStore store, Options o, NodeMetrics metrics, String baseUrl) throws IOException {
        return start(store, o, metrics, baseUrl,
                AuditTrail.start(store.index(), AuditSource.local(null, "QANODE"), null));
    }

    /**
     * As above, recording into {@code audit} (which the node closes with itself): the objects the
     * SCP files (through {@link #sink()}) and, with {@link #scpListener()}, its associations.
     */
    public static Node start(StateStore store, Options o, NodeMetrics metrics, String baseUrl, AuditTrail audit)
            throws IOException {
        ScpAudit scpAudit = new ScpAudit(audit);
        metrics.gauge("qanode_audit_dropped", "audit events not recorded: the queue was full (the index too slow)",
                audit::dropped);
        metrics.gauge("qanode_audit_failed", "audit events the index refused (see the log)", audit::failed);
        metrics.gauge("qanode_audit_syslog_sent", "audit messages sent to the syslog receiver", audit::syslogSent);
        metrics.gauge("qanode_audit_syslog_dropped",
                "audit messages not sent: the syslog queue was full (receiver down or slow)", audit::syslogDropped);
        metrics.gauge("qanode_audit_syslog_failures", "failed connections or sends to the syslog receiver (retried)",
                audit::syslogFailures);
        ReceivingState receiving = new ReceivingState(store.index(), o.configuredReceivingState());
        // Exports and sweeps started by this node claim the C-STOREs of their C-MOVEs first;
        // everything else goes by called AE title to its state.
        ExportRouter resolver = new ExportRouter(new CalledAeResolver(o.states(), receiving::current));
        WebhookOutbox outbox = new WebhookOutbox(store.index(), o.webhooks(), o.qaRecord());
        AtomicReference<String> base = new AtomicReference<>(baseUrl);
        NodeEvents events = new NodeEvents(outbox, metrics, base::get);
        ObservedSink sink = new ObservedSink(store, resolver, metrics, events, scpAudit);
        ComparisonService comparisons = new ComparisonService(store, o.compare(), events);
        metrics.gauge("qanode_comparisons_waiting", "comparisons queued, not yet running", comparisons::waiting);
        ReviewService reviews = new ReviewService(comparisons, store.index(), events);
        ExportService exports = new ExportService(store, resolver, sink, o.rois(), o.associations(), metrics,
                Clock.systemUTC());
        metrics.gauge("qanode_exports_active", "exports running or queued", exports::active);
        SelfCheckService selftest = new SelfCheckService(metrics, events);
        SweepService sweeps = SweepService.create(o.sweep(), store, exports, comparisons, events, metrics,
                Clock.systemUTC(), ZoneId.systemDefault(), selftest);
        metrics.gauge("qanode_webhook_outbox_pending", "webhook deliveries not yet answered 2xx", outbox::pending);
        if (!o.qaRecord().isEmpty()) {
            metrics.gauge("qanode_qa_record_outbox_pending", "QA record deliveries (Redmine, QATrack+) not yet done",
                    outbox::pendingQaRecord);
            metrics.knownQaRecordSystems(o.qaRecord().stream().map(OutboxChannel::name).toList());
        }
        registerDataDirGauges(metrics, store.dataDir());
        metrics.gauge("qanode_store_checkpoint_failing",
                "1 while the store cannot make received objects durable in place (new objects refused, see the log)",
                () -> store.checkpointProblem() == null ? 0 : 1);
        metrics.gauge("qanode_store_objects_per_commit_group",
                "objects per journal fsync since start (group commit: more when associations overlap)",
                store::objectsPerCommitGroup);
        metrics.knownLabelValues(Arrays.stream(AAssociateRj.Reason.values()).map(Enum::name).toList(),
                List.of(ComparisonRecord.DONE, ComparisonRecord.FAILED),
                List.of(ExportStatus.DONE, ExportStatus.PARTIAL, ExportStatus.FAILED));
        WebhookDispatcher dispatcher = new WebhookDispatcher(outbox, o.webhookDelivery(), metrics);
        dispatcher.start();
        comparisons.resumeUnfinished();
        selftest.start(o.compare());
        return new Node(store, metrics, receiving, resolver, sink, outbox, comparisons, reviews, exports, sweeps,
                dispatcher, base, selftest, new AssociationLog(store.index(), resolver::stateOf), audit, scpAudit);
    }

    /**
     * Free and total bytes of the data directory's volume, read at each scrape (the volume may be
     * remounted, and a full disk is what refuses C-STOREs with A700); NaN when it cannot be read.
     */
    private static void registerDataDirGauges(NodeMetrics metrics, Path dataDir) {
        metrics.gauge("qanode_data_dir_free_bytes", "bytes available to the node on the data directory's volume",
                () -> {
                    try {
                        return Files.getFileStore(dataDir).getUsableSpace();
                    } catch (IOException | RuntimeException e) {
                        return Double.NaN;
                    }
                });
        metrics.gauge("qanode_data_dir_size_bytes", "size in bytes of the data directory's volume", () -> {
            try {
                return Files.getFileStore(dataDir).getTotalSpace();
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        });
    }

    /** Sets the base URL of links in events once the HTTP port is bound. */
    public void baseUrl(String url) {
        baseUrl.set(url);
    }

    public String baseUrl() {
        return baseUrl.get();
    }

    /**
     * Starts the sweep schedule (and a catch-up run for one missed while the node was down).
     * Call once the DICOM listener accepts: a sweep's objects arrive through it.
     */
    public void startSweepSchedule() {
        sweeps.schedule();
    }

    /**
     * Stops the schedule and cancels running exports and sweeps (C-CANCEL to the ROIS); call
     * before stopping the DICOM listener. Idempotent.
     */
    public void stopJobs() {
        sweeps.close();
        exports.close();
    }

    /** What the C-STORE SCP feeds: the store, observed. */
    public StorageSink sink() {
        return sink;
    }

    /** Forgets that a deleted state had objects, so its next object is announced again. */
    public void stateDeleted(String state) {
        sink.forget(state);
    }

    /**
     * Running exports first (by move originator, C-GET association or ROIS sender), then called AE
     * title to state, falling back to the receiving state: what the store asks per object.
     */
    public ExportRouter resolver() {
        return resolver;
    }

    /** The SCP listener that records who sent what to which state (give it to the DICOM listener). */
    public AssociationLog associations() {
        return associations;
    }

    public StateStore store() {
        return store;
    }

    /** Whether objects can be stored now, and why not (health checks). */
    public Readiness readiness() {
        return readiness;
    }

    public NodeMetrics metrics() {
        return metrics;
    }

    public ReceivingState receivingState() {
        return receiving;
    }

    public ComparisonService comparisons() {
        return comparisons;
    }

    /** Sign-off and annotations of finished comparisons. */
    public ReviewService reviews() {
        return reviews;
    }

    public ExportService exports() {
        return exports;
    }

    public SweepService sweeps() {
        return sweeps;
    }

    /** The self-check, run at start and in every sweep (issue 13): metrics, health and the dashboard show its result. */
    public SelfCheckService selftest() {
        return selftest;
    }

    /** The audit trail: what the API, the UI and the node record into. */
    public AuditTrail audit() {
        return audit;
    }

    /** What the DICOM listener reports associations and refusals to, for the audit trail. */
    public org.qanode.net.dimse.ScpListener scpListener() {
        return scpAudit;
    }

    public WebhookOutbox outbox() {
        return outbox;
    }

    /**
     * Stops exports and sweeps, interrupts running comparisons (they resume on the next start)
     * and stops the dispatcher (pending deliveries stay queued).
     */
    @Override
    public void close() {
        stopJobs();
        comparisons.close();
        dispatcher.close();
        scpAudit.close();
        audit.close();
    }
}
