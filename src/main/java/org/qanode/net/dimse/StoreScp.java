package org.qanode.net.dimse;

import io.netty.util.AttributeKey;
import java.net.SocketAddress;
import java.time.Duration;
import org.qanode.net.assoc.Association;
import org.qanode.net.assoc.AssociationListener;
import org.qanode.net.assoc.DicomServer;
import org.qanode.net.pdu.AAssociateRj;
import org.qanode.net.pdu.AAssociateRq;
import org.qanode.net.pdu.AbortReason;
import org.qanode.net.pdu.AbortSource;
import org.qanode.net.pdu.PDataTf;

/**
 * The Verification and Storage SCP (PS3.4 Annexes A and B): accepts associations by the
 * configured policy, answers C-ECHO, and streams every C-STORE data set into a
 * {@link StorageSink}, answering only once the sink has made it durable.
 */
public final class StoreScp implements AutoCloseable {
    private static final AttributeKey<ScpSession> SESSION = AttributeKey.valueOf("qanode.scp.session");

    private final DicomServer server;
    private final SessionTracker sessions;

    private StoreScp(DicomServer server, SessionTracker sessions) {
        this.server = server;
        this.sessions = sessions;
    }

    public static StoreScp start(StoreScpConfig config, StorageSink sink) throws InterruptedException {
        return start(config, sink, ScpListener.NONE);
    }

    public static StoreScp start(StoreScpConfig config, StorageSink sink, ScpListener events) throws InterruptedException {
        SessionTracker tracker = new SessionTracker();
        AssociationListener listener = new AssociationListener() {
            @Override
            public void onAssociated(Association association) {
                ScpSession session = new ScpSession(association, config, sink, events, tracker);
                association.channel().attr(SESSION).set(session);
                tracker.add(session);
                events.associationAccepted(session.peerInfo());
            }

            @Override
            public void onPData(Association association, PDataTf pdata) {
                ScpSession session = association.channel().attr(SESSION).get();
                try {
                    session.onPData(pdata);
                } finally {
                    pdata.release();
                }
            }

            @Override
            public boolean releaseAcceptable(Association association) {
                ScpSession session = association.channel().attr(SESSION).get();
                return session == null || !session.inMessage();
            }

            @Override
            public void onReleased(Association association) {
                ScpSession session = association.channel().attr(SESSION).get();
                session.onEnded(false);
                events.associationEnded(association.callingAeTitle(), false);
            }

            @Override
            public void onAborted(Association association, AbortSource source, AbortReason reason) {
                ScpSession session = association.channel().attr(SESSION).get();
                if (session != null) {
                    session.onEnded(true);
                    events.associationEnded(association.callingAeTitle(), true);
                }
            }

            @Override
            public void onRejected(AAssociateRq rq, SocketAddress remote, AAssociateRj rejection) {
                String host = remote instanceof java.net.InetSocketAddress isa && isa.getAddress() != null
                        ? isa.getAddress().getHostAddress() : "?";
                int port = remote instanceof java.net.InetSocketAddress isa ? isa.getPort() : 0;
                events.associationRejected(new ScpListener.Peer(null, rq.callingAeTitle().trim(), rq.calledAeTitle().trim(),
                        host, port), rejection.reason().name());
            }
        };
        DicomServer server = DicomServer.start(config.toServerConfig(), listener);
        return new StoreScp(server, tracker);
    }

    /** The plain port (with {@code tls.only}, the TLS port). */
    public int port() {
        return server.port();
    }

    /** The TLS port, or -1 when there is none. */
    public int tlsPort() {
        return server.tlsPort();
    }

    public int activeAssociations() {
        return server.activeAssociations();
    }

    /**
     * Stops accepting, lets in-flight objects finish for up to {@code grace} (so nothing
     * answered Success is lost), then aborts what is left: an aborted object leaves no file.
     */
    public void shutdown(Duration grace) {
        server.stopAccepting();
        sessions.awaitIdle(grace);
        server.close();
        sessions.awaitEnded(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(10));
    }
}
