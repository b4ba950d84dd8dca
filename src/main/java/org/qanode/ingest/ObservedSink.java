package org.qanode.ingest;

import org.qanode.metrics.NodeMetrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.qanode.net.dimse.DimseException;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.StorageSink;
import org.qanode.net.dimse.StorageTarget;
import org.qanode.net.dimse.StoreContext;
import org.qanode.store.StateStore;
import org.qanode.store.StateSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state store as the SCP sees it, plus what the node observes on the way: objects, bytes,
 * failures and latency for /metrics, and the first object of an empty state for webhooks.
 *
 * <p>First-object detection: until a state is known to be non-empty, its commits are serialised
 * and the index is asked for its count before and after; from then on commits pass straight
 * through. Deleting a state over REST calls {@link #forget} so the next object counts again.
 */
public final class ObservedSink implements StorageSink {
    private static final Logger LOG = LoggerFactory.getLogger(ObservedSink.class);
    private final StateStore store;
    private final StateStoreSink stateSink;
    private final StateResolver resolver;
    private final NodeMetrics metrics;
    private final StateEvents events;
    private final FilingListener filings;
    private final Set<String> nonEmpty = ConcurrentHashMap.newKeySet();

    public ObservedSink(StateStore store, StateResolver resolver, NodeMetrics metrics, StateEvents events) {
        this(store, resolver, metrics, events, FilingListener.NONE);
    }

    /** {@code filings}: told how each accepted object was filed (the audit trail). */
    public ObservedSink(StateStore store, StateResolver resolver, NodeMetrics metrics, StateEvents events,
            FilingListener filings) {
        this.store = store;
        this.stateSink = new StateStoreSink(store, resolver);
        this.resolver = resolver;
        this.metrics = metrics;
        this.events = events;
        this.filings = filings;
    }

    /** The state is empty again (deleted): its next object is a first object. */
    public void forget(String state) {
        nonEmpty.remove(state);
    }

    @Override
    public StorageTarget begin(StoreContext ctx) throws DimseException {
        long started = System.nanoTime();
        String state = resolver.stateFor(ctx);
        try {
            return new Observed(ctx, state, stateSink.begin(ctx, state), started);
        } catch (DimseException e) {
            metrics.storeFailed(e.status(), System.nanoTime() - started);
            throw e;
        }
    }

    private final class Observed implements StorageTarget {
        private final StoreContext ctx;
        private final String state;
        private final StorageTarget target;
        private final long started;
        private long bytes;

        Observed(StoreContext ctx, String state, StorageTarget target, long started) {
            this.ctx = ctx;
            this.state = state;
            this.target = target;
            this.started = started;
        }

        @Override
        public void write(ByteBuffer data) throws IOException {
            bytes += data.remaining();
            target.write(data);
        }

        @Override
        public int commit() throws DimseException {
            try {
                int status;
                if (state == null || nonEmpty.contains(state)) {
                    status = target.commit();
                } else {
                    status = commitWatchingFirst();
                }
                metrics.objectStored(ctx.sopClassUid(), bytes, System.nanoTime() - started);
                tellFiled();
                return status;
            } catch (DimseException e) {
                metrics.storeFailed(e.status(), System.nanoTime() - started);
                throw e;
            }
        }

        private int commitWatchingFirst() throws DimseException {
            synchronized (nonEmpty) {
                boolean wasEmpty;
                try {
                    wasEmpty = count(state) == 0;
                } catch (RuntimeException e) {
                    // the index is failing: the commit will answer A700; no event either way
                    wasEmpty = false;
                }
                int status = target.commit();
                if (!DimseStatus.isFailure(status)) {
                    nonEmpty.add(state);
                    if (wasEmpty) {
                        announce();
                    }
                }
                return status;
            }
        }

        /** The object is stored and its status decided: a listener problem must not change it. */
        private void tellFiled() {
            if (target instanceof StateStoreSink.Target t && t.stored() != null) {
                try {
                    var record = t.stored().record();
                    filings.filed(ctx, state, t.stored().kind(), record == null ? null : record.fields().studyInstanceUid(),
                            record == null ? null : record.patientId());
                } catch (RuntimeException e) {
                    LOG.error("state {}: filing listener failed: {}", state, e.toString());
                }
            }
        }

        /** The object is already stored and its status decided: an event problem must not change it. */
        private void announce() {
            try {
                events.firstObject(state, ctx.sopClassUid(), ctx.sopInstanceUid(), ctx.callingAeTitle());
            } catch (RuntimeException e) {
                LOG.error("state {}: cannot queue the first-object event: {}", state, e.toString());
            }
        }

        @Override
        public void abort() {
            target.abort();
        }
    }

    private long count(String state) {
        return store.state(state).map(StateSummary::instances).orElse(0L);
    }
}
