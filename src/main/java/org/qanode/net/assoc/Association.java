package org.qanode.net.assoc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.qanode.net.pdu.AAbort;
import org.qanode.net.pdu.AAssociateAc;
import org.qanode.net.pdu.AAssociateRq;
import org.qanode.net.pdu.AbortReason;
import org.qanode.net.pdu.AbortSource;
import org.qanode.net.pdu.PDataTf;
import org.qanode.net.pdu.PresentationContextAc;
import org.qanode.net.pdu.PresentationContextRq;
import org.qanode.net.pdu.UserInformationItem.AsyncOperationsWindow;
import org.qanode.net.pdu.UserInformationItem.RoleSelection;
import org.qanode.net.pdu.UserInformationItem.SopClassExtendedNegotiation;
import org.qanode.net.pdu.UserInformationItem.UserIdentityRq;

import java.net.SocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An established association (PS3.8 7.1) as the DIMSE layer sees it: what was negotiated, and the
 * primitives it may issue (P-DATA, A-RELEASE, A-ABORT). Methods are safe to call from any thread;
 * the work happens on the association's event loop, in call order.
 */
public final class Association {
    /** Used when the peer sets no maximum length (PS3.8 D.1: 0 = unlimited) and so do we. */
    public static final int DEFAULT_FRAGMENT_PDU_LENGTH = 16384;

    private final AssociationHandler handler;
    private final boolean requestor;
    private final AAssociateRq request;
    private final AAssociateAc accept;
    private final SocketAddress remoteAddress;
    private final long ourMaxPduLength;
    private final Map<Integer, AcceptedPresentationContext> contexts;
    private volatile java.util.function.Supplier<String> activity;

    Association(AssociationHandler handler, boolean requestor, AAssociateRq request, AAssociateAc accept,
                SocketAddress remoteAddress, long ourMaxPduLength) {
        this.handler = handler;
        this.requestor = requestor;
        this.request = request;
        this.accept = accept;
        this.remoteAddress = remoteAddress;
        this.ourMaxPduLength = ourMaxPduLength;
        Map<Integer, String> abstractSyntaxes = new LinkedHashMap<>();
        for (PresentationContextRq pc : request.presentationContexts()) {
            abstractSyntaxes.put(pc.id(), pc.abstractSyntax());
        }
        Map<Integer, AcceptedPresentationContext> accepted = new LinkedHashMap<>();
        for (PresentationContextAc pc : accept.presentationContexts()) {
            String as = abstractSyntaxes.get(pc.id());
            // PS3.8 9.3.3.2: only an accepted context that we (or they) proposed is usable.
            if (pc.accepted() && as != null) {
                accepted.put(pc.id(), new AcceptedPresentationContext(pc.id(), as, pc.transferSyntax()));
            }
        }
        this.contexts = Collections.unmodifiableMap(accepted);
    }

    /**
     * What the layer above did on this association ("12 objects stored, 0 failed"), appended to
     * the one INFO line written when the association ends.
     */
    public void setActivitySummary(java.util.function.Supplier<String> activity) {
        this.activity = activity;
    }

    String activitySummary() {
        java.util.function.Supplier<String> a = activity;
        return a == null ? null : a.get();
    }

    public boolean requestor() {
        return requestor;
    }

    public String callingAeTitle() {
        return request.callingAeTitle();
    }

    public String calledAeTitle() {
        return request.calledAeTitle();
    }

    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    public AAssociateRq request() {
        return request;
    }

    public AAssociateAc acceptPdu() {
        return accept;
    }

    /** Accepted presentation contexts by id. */
    public Map<Integer, AcceptedPresentationContext> acceptedContexts() {
        return contexts;
    }

    public Optional<AcceptedPresentationContext> context(int id) {
        return Optional.ofNullable(contexts.get(id));
    }

    /** The first accepted context for an abstract syntax (SOP class). */
    public Optional<AcceptedPresentationContext> contextFor(String abstractSyntax) {
        return contexts.values().stream().filter(c -> c.abstractSyntax().equals(abstractSyntax)).findFirst();
    }

    /** The maximum P-DATA-TF length the peer accepts; 0 = unlimited (PS3.8 D.1). */
    public long peerMaxPduLength() {
        return requestor ? accept.userInformation().maxPduLength() : request.userInformation().maxPduLength();
    }

    public long ourMaxPduLength() {
        return ourMaxPduLength;
    }

    /** PS3.7 D.3.3.3: the acceptor's answer; without one, the default of 1 and 1 applies. */
    public AsyncOperationsWindow asyncOperationsWindow() {
        return accept.userInformation().first(AsyncOperationsWindow.class).orElse(new AsyncOperationsWindow(1, 1));
    }

    /** Role selections as the acceptor answered them (PS3.7 D.3.3.4). */
    public List<RoleSelection> roles() {
        return accept.userInformation().all(RoleSelection.class);
    }

    public Optional<UserIdentityRq> userIdentity() {
        return request.userInformation().first(UserIdentityRq.class);
    }

    /** Extended negotiation as the acceptor answered it (PS3.7 D.3.3.5). */
    public List<SopClassExtendedNegotiation> extendedNegotiation() {
        return accept.userInformation().all(SopClassExtendedNegotiation.class);
    }

    public Channel channel() {
        return handler.channel();
    }

    /** P-DATA request (Evt9). Takes ownership of {@code pdata}. */
    public CompletableFuture<Void> send(PDataTf pdata) {
        return handler.submitPData(List.of(pdata));
    }

    /**
     * Sends one command or data set as P-DATA-TF PDUs of one PDV each, fragmented to the peer's
     * maximum length (PS3.8 Annex E), the last fragment flagged. The fragments are queued in one
     * go on the event loop, so two messages never interleave. Takes ownership of {@code message}.
     */
    public CompletableFuture<Void> sendMessage(int contextId, boolean command, ByteBuf message) {
        long limit = peerMaxPduLength() != 0 ? peerMaxPduLength() : ourMaxPduLength != 0 ? ourMaxPduLength : DEFAULT_FRAGMENT_PDU_LENGTH;
        // PDU length = PDV item length field (4) + context id (1) + header (1) + payload.
        int maxPayload = (int) Math.min(Integer.MAX_VALUE - 6, limit - 6);
        return handler.submitMessage(contextId, command, message, maxPayload);
    }

    /** A-RELEASE request (Evt11); completes once the release is confirmed. */
    public CompletableFuture<Void> release() {
        return handler.submitRelease();
    }

    /** A-ABORT request (Evt15) as service-user. */
    public void abort() {
        abort(AbortSource.SERVICE_USER, AbortReason.NOT_SPECIFIED);
    }

    /**
     * A-ABORT request (Evt15). A service-provider source lets the layer above report a protocol
     * violation it found (e.g. interleaved PDVs) with its Table 9-26 reason.
     */
    public void abort(AbortSource source, AbortReason reason) {
        handler.submitAbort(new AAbort(source, reason));
    }

    @Override
    public String toString() {
        return callingAeTitle() + " -> " + calledAeTitle() + " " + contexts.values();
    }
}
