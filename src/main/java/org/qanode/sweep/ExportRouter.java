package org.qanode.sweep;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.qanode.net.dimse.StoreContext;
import org.qanode.ingest.StateResolver;

/**
 * Routes the C-STOREs of running exports into their states, in front of the node's normal
 * called-AE routing ({@code fallback}). In order:
 * <ol>
 *   <li>C-GET: the association id of the export's own association (the objects come back on it);</li>
 *   <li>C-MOVE: the Move Originator AE Title (0000,1030) and Message ID (0000,1031) of the
 *       C-STORE-RQ (PS3.7 9.3.1.1), which a conformant SCP copies from our C-MOVE-RQ;</li>
 *   <li>C-MOVE from an SCP that leaves the originator out (optional in PS3.7): a C-STORE whose
 *       calling AE title is one of the running export's ROIS sending AE titles and that is addressed
 *       to the export's move destination, when exactly one export of that ROIS is running;</li>
 *   <li>anything else goes where the fallback (called AE title, receiving state) says.</li>
 * </ol>
 * Each export counts the objects routed to it, which is its "received" progress.
 */
public final class ExportRouter implements StateResolver {
    private final StateResolver fallback;
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    public ExportRouter(StateResolver fallback) {
        this.fallback = fallback;
    }

    /** One running export's claim on incoming objects; close it when the export ends. */
    public final class Route implements AutoCloseable {
        private final String state;
        private final String originatorAe;
        private final String destinationAe;
        private final List<String> sendingAeTitles;
        private final Map<Integer, Boolean> moveMessageIds = new ConcurrentHashMap<>();
        private volatile String associationId;
        private final AtomicInteger routed = new AtomicInteger();

        private Route(String state, String originatorAe, String destinationAe, List<String> sendingAeTitles) {
            this.state = state;
            this.originatorAe = originatorAe;
            this.destinationAe = destinationAe;
            this.sendingAeTitles = List.copyOf(sendingAeTitles);
        }

        /** Call before sending the C-MOVE-RQ with this message ID. */
        public void expectMove(int messageId) {
            moveMessageIds.put(messageId, Boolean.TRUE);
        }

        /** Call with {@link org.qanode.net.dimse.DimseClient#associationId} before a C-GET. */
        public void expectGetOn(String id) {
            associationId = id;
        }

        public int routed() {
            return routed.get();
        }

        public String state() {
            return state;
        }

        boolean claimsByAssociation(StoreContext c) {
            return associationId != null && associationId.equals(c.associationId());
        }

        boolean claimsByOriginator(StoreContext c) {
            return c.fromMove() && originatorAe.equals(c.moveOriginatorAeTitle().trim())
                    && moveMessageIds.containsKey(c.moveOriginatorMessageId());
        }

        boolean claimsBySender(StoreContext c) {
            return !c.fromMove() && c.calledAeTitle().trim().equals(destinationAe)
                    && sendingAeTitles.contains(c.callingAeTitle().trim());
        }

        @Override
        public void close() {
            routes.remove(this);
        }
    }

    /**
     * Registers an export into {@code state} whose C-MOVEs we send as {@code originatorAe} with
     * destination {@code destinationAe}, from a ROIS whose stores come from {@code sendingAeTitles}.
     */
    public Route open(String state, String originatorAe, String destinationAe, List<String> sendingAeTitles) {
        Route r = new Route(state, originatorAe, destinationAe, sendingAeTitles);
        routes.add(r);
        return r;
    }

    @Override
    public String stateFor(StoreContext c) {
        Optional<Route> r = claim(c);
        if (r.isPresent()) {
            r.get().routed.incrementAndGet();
            return r.get().state;
        }
        return fallback.stateFor(c);
    }

    /**
     * Where {@link #stateFor} sends (or sent) this object, without counting it as received by an
     * export: for observers such as the association log, asked after the object was stored.
     */
    public String stateOf(StoreContext c) {
        return claim(c).map(Route::state).orElseGet(() -> fallback.stateFor(c));
    }

    private Optional<Route> claim(StoreContext c) {
        Optional<Route> r = routes.stream().filter(x -> x.claimsByAssociation(c)).findFirst();
        if (r.isEmpty()) {
            r = routes.stream().filter(x -> x.claimsByOriginator(c)).findFirst();
        }
        if (r.isEmpty()) {
            List<Route> bySender = routes.stream().filter(x -> x.claimsBySender(c)).toList();
            if (bySender.size() == 1) {
                r = Optional.of(bySender.get(0));
            }
        }
        return r;
    }
}
