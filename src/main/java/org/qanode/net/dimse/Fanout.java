package org.qanode.net.dimse;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ScpListener#all}: several listeners as one; a failing one is logged and the rest still run. */
final class Fanout implements ScpListener {
    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);
    private final List<ScpListener> listeners;

    Fanout(List<ScpListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(java.util.function.Consumer<ScpListener> call) {
        for (ScpListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.error("SCP listener {} failed: {}", l.getClass().getSimpleName(), e.toString());
            }
        }
    }

    // The SCP calls the Peer forms; each listener's default turns them into the short forms, so
    // forwarding the Peer forms (and only them) reaches listeners of either kind exactly once.
    @Override
    public void associationAccepted(Peer peer) {
        each(l -> l.associationAccepted(peer));
    }

    @Override
    public void associationRejected(Peer peer, String reason) {
        each(l -> l.associationRejected(peer, reason));
    }

    @Override
    public void associationAccepted(String callingAeTitle, String calledAeTitle) {
        each(l -> l.associationAccepted(callingAeTitle, calledAeTitle));
    }

    @Override
    public void associationRejected(String callingAeTitle, String calledAeTitle, String reason) {
        each(l -> l.associationRejected(callingAeTitle, calledAeTitle, reason));
    }

    @Override
    public void associationFinished(Peer peer, boolean aborted) {
        each(l -> l.associationFinished(peer, aborted));
    }

    @Override
    public void associationEnded(String callingAeTitle, boolean aborted) {
        each(l -> l.associationEnded(callingAeTitle, aborted));
    }

    @Override
    public void objectReceived(StoreContext context, long bytes, long nanos, int status) {
        each(l -> l.objectReceived(context, bytes, nanos, status));
    }

    @Override
    public void echoAnswered(String callingAeTitle) {
        each(l -> l.echoAnswered(callingAeTitle));
    }

    @Override
    public void sessionFinished(FinishedSession session) {
        each(l -> l.sessionFinished(session));
    }
}
