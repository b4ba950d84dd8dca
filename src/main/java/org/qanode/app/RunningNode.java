package org.qanode.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.qanode.api.ApiNode;
import org.qanode.api.NodeMetrics;
import org.qanode.store.StateResolver;
import org.qanode.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole node in one process, in start-up order: state store (index migrated), REST API with
 * comparison queue and webhook dispatcher, then the DICOM listener last, so nothing is accepted
 * before it can be stored. {@link #close} stops in reverse order.
 */
public final class RunningNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningNode.class);

    private final StateStore store;
    private final ApiNode api;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private RunningNode(StateStore store, ApiNode api) {
        this.store = store;
        this.api = api;
    }

    public static RunningNode start(QanodeConfig config) throws Exception {
        // The store asks for a state per object; the answer needs the receiving state, which
        // lives in the store's own index: hence the late-bound resolver.
        AtomicReference<StateResolver> resolver = new AtomicReference<>(ctx -> null);
        StateStore store = StateStore.open(config.storage().dataDir(), config.storage().index(),
                ctx -> resolver.get().stateFor(ctx));
        ApiNode api;
        try {
            api = ApiNode.start(store, new ApiNode.Options(config.http(), config.dicom().states(),
                    config.dicom().receivingState(), config.webhooks(), config.webhookDelivery(), config.compare()),
                    new NodeMetrics());
        } catch (Exception e) {
            store.close();
            throw e;
        }
        resolver.set(api.resolver());
        return new RunningNode(store, api);
    }

    public ApiNode api() {
        return api;
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
        LOG.info("shutting down");
        try {
            api.close();
        } finally {
            store.close();
            LOG.info("stopped");
            closed.countDown();
        }
    }
}
