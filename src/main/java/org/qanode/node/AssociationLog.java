package org.qanode.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.ScpListener;
import org.qanode.net.dimse.StoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who sent what to which state: the SCP's objects tallied in memory per association and state,
 * written to the index once when the association's storage work is over (one row update per
 * state of the association, usually one), never per object, so the ingest path gains no
 * database write. The state of an object is asked of the node's routing after it was stored
 * ({@code ExportRouter.stateOf}, which does not count it again for an export).
 */
public final class AssociationLog implements ScpListener {
    private static final Logger LOG = LoggerFactory.getLogger(AssociationLog.class);
    /** A route of no object (verification only, or everything refused before a state was known). */
    public static final String NO_STATE = "";

    private final AssociationRepository repository;
    private final Function<StoreContext, String> stateOf;
    /** association id -> state -> {objects, failed, bytes}. */
    private final Map<String, Map<String, long[]>> open = new ConcurrentHashMap<>();

    AssociationLog(org.qanode.store.IndexDatabase index, Function<StoreContext, String> stateOf) {
        this.repository = new AssociationRepository(index);
        this.stateOf = stateOf;
    }

    @Override
    public void objectReceived(StoreContext context, long bytes, long nanos, int status) {
        String state;
        try {
            state = stateOf.apply(context);
        } catch (RuntimeException e) {
            state = null;
        }
        long[] t = open.computeIfAbsent(context.associationId(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(state == null ? NO_STATE : state, k -> new long[3]);
        // one association's objects are answered in order on its one storage thread
        synchronized (t) {
            if (DimseStatus.isFailure(status)) {
                t[1]++;
            } else {
                t[0]++;
                t[2] += bytes;
            }
        }
    }

    @Override
    public void sessionFinished(FinishedSession s) {
        Map<String, long[]> byState = open.remove(s.associationId());
        try {
            if (byState == null || byState.isEmpty()) {
                repository.add(s.callingAeTitle(), s.remoteHost(), s.calledAeTitle(), NO_STATE, 1, s.aborted() ? 1 : 0,
                        0, s.failed(), 0);
                return;
            }
            boolean first = true;
            for (Map.Entry<String, long[]> e : byState.entrySet()) {
                long[] t = e.getValue();
                // the association counts once, with the first of its states
                repository.add(s.callingAeTitle(), s.remoteHost(), s.calledAeTitle(), e.getKey(), first ? 1 : 0,
                        first && s.aborted() ? 1 : 0, t[0], t[1], t[2]);
                first = false;
            }
        } catch (RuntimeException e) {
            // the objects are stored; only the statistics of this association are lost
            LOG.warn("association {} from {}@{}: cannot record it in the association log: {}", s.associationId(),
                    s.callingAeTitle(), s.remoteHost(), e.toString());
        }
    }

    /** The observed routes, most recently used first. */
    public List<ObservedConnection> connections(int limit) {
        return repository.list(limit);
    }
}
