package org.qanode.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.time.Clock;
import java.time.ZoneId;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.dimse.StorageSink;
import org.qanode.sweep.ExportRouter;
import org.qanode.sweep.RoisConfig;
import org.qanode.sweep.SweepSettings;
import org.qanode.store.StateResolver;
import org.qanode.store.StateStore;

/**
 * Everything of the node above the state store except the DICOM listener: receiving state,
 * the sink the SCP feeds (with metrics and first-object events), comparison queue, webhook
 * outbox and dispatcher, and the REST server. The caller owns the store and closes it after
 * this.
 */
public final class ApiNode implements AutoCloseable {

    /**
     * @param states                 dicom.states: called AE title to state
     * @param configuredReceivingState dicom.receivingState, used until one is PUT
     */
    public record Options(HttpSettings http, Map<String, String> states, String configuredReceivingState,
            List<WebhookTarget> webhooks, RetryPolicy webhookDelivery, CompareSettings compare,
            Map<String, RoisConfig> rois, SweepSettings sweep, AssociationRequestor.Config associations) {

        /** @param rois query/retrieve peers by name; {@code sweep} null: none configured */
        public Options {
            rois = rois == null ? Map.of() : Map.copyOf(rois);
            associations = associations == null ? AssociationRequestor.Config.defaults() : associations;
        }

        /** A node without query/retrieve peers nor sweep. */
        public Options(HttpSettings http, Map<String, String> states, String configuredReceivingState,
                List<WebhookTarget> webhooks, RetryPolicy webhookDelivery, CompareSettings compare) {
            this(http, states, configuredReceivingState, webhooks, webhookDelivery, compare, Map.of(), null, null);
        }
    }

    private final ReceivingState receiving;
    private final StateResolver resolver;
    private final ObservedSink sink;
    private final ComparisonService comparisons;
    private final ExportService exports;
    private final SweepService sweeps;
    private final WebhookDispatcher dispatcher;
    private final Router router;
    private final ApiServer server;
    private final String baseUrl;

    private ApiNode(ReceivingState receiving, StateResolver resolver, ObservedSink sink, ComparisonService comparisons,
            ExportService exports, SweepService sweeps, WebhookDispatcher dispatcher, Router router, ApiServer server,
            String baseUrl) {
        this.receiving = receiving;
        this.resolver = resolver;
        this.sink = sink;
        this.comparisons = comparisons;
        this.exports = exports;
        this.sweeps = sweeps;
        this.dispatcher = dispatcher;
        this.router = router;
        this.server = server;
        this.baseUrl = baseUrl;
    }

    public static ApiNode start(StateStore store, Options o, NodeMetrics metrics) throws IOException, InterruptedException {
        ReceivingState receiving = new ReceivingState(store.index(), o.configuredReceivingState());
        // Exports and sweeps started by this node claim the C-STOREs of their C-MOVEs first;
        // everything else goes by called AE title to its state, as before.
        ExportRouter exportRouter = new ExportRouter(new CalledAeResolver(o.states(), receiving::current));
        StateResolver resolver = exportRouter;
        WebhookOutbox outbox = new WebhookOutbox(store.index(), o.webhooks());
        // links in events need the real port, known only once the server is bound
        AtomicReference<String> base = new AtomicReference<>(o.http().publicUrl());
        NodeEvents events = new NodeEvents(outbox, metrics, base::get);
        ObservedSink sink = new ObservedSink(store, resolver, metrics, events);
        ComparisonService comparisons = new ComparisonService(store, o.compare(), events);
        metrics.gauge("qanode_comparisons_waiting", "comparisons queued, not yet running", comparisons::waiting);
        ExportService exports = new ExportService(store, exportRouter, o.rois(), o.associations(), metrics,
                Clock.systemUTC());
        metrics.gauge("qanode_exports_active", "exports running or queued", exports::active);
        SweepService sweeps = SweepService.create(o.sweep(), store, exports, comparisons, events, metrics,
                Clock.systemUTC(), ZoneId.systemDefault());
        metrics.gauge("qanode_webhook_outbox_pending", "webhook deliveries not yet answered 2xx", outbox::pending);

        List<Route> routes = new ArrayList<>();
        routes.addAll(new NodeResources(store, metrics, outbox).routes());
        routes.addAll(new StatesResource(store, receiving, sink).routes());
        routes.addAll(new ReceivingStateResource(store, receiving).routes());
        routes.addAll(new ComparisonsResource(comparisons).routes());
        routes.addAll(new ExportsResource(exports).routes());
        routes.addAll(new SweepsResource(sweeps).routes());
        Router router = new Router(routes, o.http().token(), metrics);
        ApiServer server;
        try {
            server = ApiServer.start(o.http().bind(), o.http().port(), o.http().maxBodyBytes(), router);
        } catch (InterruptedException | RuntimeException e) {
            sweeps.close();
            exports.close();
            comparisons.close();
            throw e;
        }
        if (base.get() == null) {
            String host = o.http().bind().equals("0.0.0.0") || o.http().bind().equals("::") ? "127.0.0.1" : o.http().bind();
            base.set("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port());
        }
        WebhookDispatcher dispatcher = new WebhookDispatcher(outbox, o.webhookDelivery(), metrics);
        dispatcher.start();
        comparisons.resumeUnfinished();
        return new ApiNode(receiving, resolver, sink, comparisons, exports, sweeps, dispatcher, router, server,
                base.get());
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

    /**
     * Running exports first (by move originator, C-GET association or ROIS sender), then called AE
     * title to state, falling back to the receiving state: what the store asks per object.
     */
    public StateResolver resolver() {
        return resolver;
    }

    public ReceivingState receivingState() {
        return receiving;
    }

    public Router router() {
        return router;
    }

    public int httpPort() {
        return server.port();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Stops the REST server (running requests finish), interrupts running comparisons (they
     * resume on the next start) and stops the dispatcher (pending deliveries stay queued).
     */
    @Override
    public void close() {
        server.close();
        stopJobs();
        comparisons.close();
        dispatcher.close();
    }
}
