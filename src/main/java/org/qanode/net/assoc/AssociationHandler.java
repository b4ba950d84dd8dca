package org.qanode.net.assoc;

import io.netty.buffer.ByteBuf;
import org.qanode.dicom.AeAddress;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import io.netty.util.concurrent.ScheduledFuture;
import org.qanode.net.pdu.AAbort;
import org.qanode.net.pdu.AAssociateAc;
import org.qanode.net.pdu.AAssociateRj;
import org.qanode.net.pdu.AAssociateRq;
import org.qanode.net.pdu.AReleaseRp;
import org.qanode.net.pdu.AReleaseRq;
import org.qanode.net.pdu.AbortReason;
import org.qanode.net.pdu.AbortSource;
import org.qanode.net.pdu.PDataTf;
import org.qanode.net.pdu.Pdu;
import org.qanode.net.pdu.PduException;
import org.qanode.net.pdu.PresentationDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives the PS3.8 section 9.2 state machine from channel events and decoded PDUs, and performs
 * its actions. One handler per connection, all work on the channel's event loop. Events raised
 * while an action runs (e.g. our answer to an A-ASSOCIATE indication) go to a queue drained in a
 * loop, so the machine never recurses.
 *
 * <p>Our local user always answers an A-RELEASE indication at once (Evt14 right after AR-2/AR-8/AR-10).
 * A local primitive in a state where Table 9-10 has no cell for it (e.g. send after release) is
 * refused with IllegalStateException rather than aborting, since it is our own API misuse, not the
 * peer's; network events in blank cells get AA-8 as the table says.
 */
public final class AssociationHandler extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AssociationHandler.class);

    private record Pending(Event event, Object payload, CompletableFuture<Void> promise) {
    }

    /**
     * Payload of an Evt15 raised by one of our timers (idle, PDU deadline): the peer is too slow to
     * wait for, so after the A-ABORT the transport is closed at once instead of waiting in Sta13
     * for the peer's close or ARTIM (the slot is given back now, not 30 s later).
     */
    private record Expiry(String why) {
    }

    private final StateMachine machine;
    private final AcceptancePolicy policy;
    private final AssociationLimiter limiter;
    private final AssociationListener listener;
    private final Duration artimTimeout;
    private final Duration associationTimeout;
    private final long ourMaxPduLength;
    private final CompletableFuture<Association> established;

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean draining;
    private Pending current;
    private boolean consumed;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> artim;
    private ScheduledFuture<?> acTimeout;
    private AAssociateRq request;
    private Association association;
    private boolean counted;
    private InetAddress countedHost;
    private boolean pendingHeld;
    private boolean terminalNotified;
    private boolean ended;
    private boolean logged;
    private String outcome = "closed";
    private final List<CompletableFuture<Void>> releaseWaiters = new ArrayList<>();

    private AssociationHandler(boolean requestor, AAssociateRq request, AcceptancePolicy policy, AssociationLimiter limiter,
                               AssociationListener listener, Duration artimTimeout, Duration associationTimeout,
                               long ourMaxPduLength, CompletableFuture<Association> established) {
        this.machine = new StateMachine(requestor);
        this.request = request;
        this.policy = policy;
        this.limiter = limiter;
        this.listener = listener;
        this.artimTimeout = artimTimeout;
        this.associationTimeout = associationTimeout;
        this.ourMaxPduLength = ourMaxPduLength;
        this.established = established;
    }

    /** The acceptor side of one connection (PS3.8: starts in Sta1, Evt5 on connect). */
    public static AssociationHandler acceptor(AcceptancePolicy policy, AssociationLimiter limiter, AssociationListener listener,
                                              Duration artimTimeout) {
        return new AssociationHandler(false, null, policy, limiter, listener, artimTimeout, null, policy.maxPduLength(),
                new CompletableFuture<>());
    }

    /** The requestor side: sends {@code rq} once connected; {@code established} completes on AC. */
    public static AssociationHandler requestor(AAssociateRq rq, AssociationListener listener, Duration artimTimeout,
                                               Duration associationTimeout, CompletableFuture<Association> established) {
        return new AssociationHandler(true, rq, null, null, listener, artimTimeout, associationTimeout,
                rq.userInformation().maxPduLength(), established);
    }

    public State state() {
        return machine.state();
    }

    Channel channel() {
        return ctx.channel();
    }

    // ------------------------------------------------------------------ channel events

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (machine.requestor()) {
            // Evt1 (AE-1: the TCP connect itself was issued by the Bootstrap), then Evt2 now that it completed.
            fire(Event.EVT1, null, null);
            fire(Event.EVT2, null, null);
        } else {
            boolean admitted = limiter.tryAcquirePending();
            pendingHeld = admitted;
            fire(Event.EVT5, null, null);
            if (!admitted) {
                refusePending();
                return;
            }
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Pdu pdu)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} <- {}", peer(), pdu);
        }
        Event event = switch (pdu.type()) {
            case A_ASSOCIATE_RQ -> Event.EVT6;
            case A_ASSOCIATE_AC -> Event.EVT3;
            case A_ASSOCIATE_RJ -> Event.EVT4;
            case P_DATA_TF -> Event.EVT10;
            case A_RELEASE_RQ -> Event.EVT12;
            case A_RELEASE_RP -> Event.EVT13;
            case A_ABORT -> Event.EVT16;
        };
        fire(event, pdu, null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof PduException e) {
            LOG.debug("{} invalid PDU: {}", peer(), e.getMessage());
            fire(Event.EVT19, e, null);
        } else {
            // I/O errors and the like: the transport is gone or going; Evt17 follows from channelInactive.
            LOG.debug("{} transport error: {}", peer(), cause.toString());
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // In Sta2 ARTIM bounds the wait for the A-ASSOCIATE-RQ however slowly it arrives (PS3.8 9.2.3,
        // AE-5 starts it, AE-6 stops it); in Sta13 ARTIM is running again. Elsewhere our timers abort.
        boolean abortable = !ended && machine.state() != State.STA1 && machine.state() != State.STA2 && machine.state() != State.STA13;
        if (evt instanceof IdleStateEvent && abortable) {
            // fo-dicom's lesson: a peer that stops mid-message must not hold the association forever.
            fire(Event.EVT15, new Expiry("idle timeout"), null);
        } else if (evt instanceof PduDeadline.Expired expired && abortable) {
            // A peer trickling a PDU (one byte a second) is never idle; the per-PDU deadline catches it.
            fire(Event.EVT15, new Expiry(expired.describe()), null);
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** Over the limit of pending connections: closed before anything is read, one rate-limited INFO line. */
    private void refusePending() {
        outcome = "refused: " + limiter.maxPendingConnections() + " connections already pending";
        logged = true;
        if (limiter.shouldLogRefusal()) {
            LOG.info("{}: connection refused, {} connections without an association already (limit {}); {} refused so far",
                    address(), limiter.pending(), limiter.maxPendingConnections(), limiter.refusedConnections());
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!ended) {
            fire(Event.EVT17, null, null);
        }
        finish();
        ctx.fireChannelInactive();
    }

    // ------------------------------------------------------------------ local primitives (any thread)

    CompletableFuture<Void> submitPData(List<PDataTf> pdus) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        ctx.executor().execute(() -> {
            List<CompletableFuture<Void>> parts = new ArrayList<>();
            for (PDataTf p : pdus) {
                CompletableFuture<Void> part = new CompletableFuture<>();
                parts.add(part);
                fire(Event.EVT9, p, part);
            }
            CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> complete(all, e));
        });
        return all;
    }

    CompletableFuture<Void> submitMessage(int contextId, boolean command, ByteBuf message, int maxPayload) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        ctx.executor().execute(() -> {
            List<CompletableFuture<Void>> parts = new ArrayList<>();
            try {
                do {
                    ByteBuf chunk = message.readRetainedSlice(Math.min(maxPayload, message.readableBytes()));
                    CompletableFuture<Void> part = new CompletableFuture<>();
                    parts.add(part);
                    fire(Event.EVT9, PDataTf.of(new PresentationDataValue(contextId, command, !message.isReadable(), chunk)), part);
                } while (message.isReadable());
            } finally {
                message.release();
            }
            CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> complete(all, e));
        });
        return all;
    }

    CompletableFuture<Void> submitRelease() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ctx.executor().execute(() -> {
            releaseWaiters.add(done);
            fire(Event.EVT11, null, null);
            if (ended && !done.isDone()) {
                done.completeExceptionally(new IllegalStateException("association already ended: " + outcome));
            }
        });
        return done;
    }

    void submitAbort(AAbort abort) {
        try {
            ctx.executor().execute(() -> fire(Event.EVT15, abort, null));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the event loop is gone, and with it the connection: nothing is left to abort
            LOG.debug("{}: abort after the event loop ended; the connection is closed already", peer());
        }
    }

    private static void complete(CompletableFuture<Void> f, Throwable e) {
        if (e == null) {
            f.complete(null);
        } else {
            f.completeExceptionally(e);
        }
    }

    // ------------------------------------------------------------------ the machine

    private void fire(Event event, Object payload, CompletableFuture<Void> promise) {
        queue.add(new Pending(event, payload, promise));
        if (draining) {
            return;
        }
        draining = true;
        try {
            Pending p;
            while ((p = queue.poll()) != null) {
                dispatch(p);
            }
        } finally {
            draining = false;
        }
    }

    private void dispatch(Pending p) {
        State before = machine.state();
        if (ended || (p.event.localPrimitive() && !StateTable.defined(before, p.event))) {
            ReferenceCountUtil.release(p.payload);
            if (p.promise != null) {
                p.promise.completeExceptionally(new IllegalStateException(p.event + " (" + p.event.description() + ") not possible in "
                        + before + (ended ? ", association ended: " + outcome : "")));
            }
            return;
        }
        current = p;
        consumed = false;
        Action action;
        try {
            action = machine.fire(p.event, this::perform);
        } finally {
            if (!consumed && p.payload instanceof ReferenceCounted rc && rc.refCnt() > 0) {
                rc.release();
            }
            current = null;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} + {} -> {} -> {}", peer(), before, p.event, action, machine.state());
        }
        if (machine.state() == State.STA1 && before != State.STA1) {
            ended = true;
            stopTimers();
            finish();
        }
    }

    private State perform(Action action, Event event) {
        Object payload = current.payload;
        switch (action) {
            case AE_1 -> {
                // The Bootstrap already issued TRANSPORT CONNECT; nothing left to do.
            }
            case AE_2 -> {
                write(request);
                acTimeout = ctx.executor().schedule(() -> {
                    if (machine.state() == State.STA5) {
                        fire(Event.EVT15, "no A-ASSOCIATE-AC within " + associationTimeout, null);
                    }
                }, associationTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            case AE_3 -> {
                cancel(acTimeout);
                establish((AAssociateAc) payload);
            }
            case AE_4 -> {
                cancel(acTimeout);
                AAssociateRj rj = (AAssociateRj) payload;
                outcome = "rejected(" + rj.reason() + ")";
                established.completeExceptionally(new AssociationRejectedException(rj));
                ctx.close();
            }
            case AE_5 -> startArtim();
            case AE_6 -> {
                return associateIndication((AAssociateRq) payload);
            }
            case AE_7 -> {
                AAssociateAc ac = (AAssociateAc) payload;
                releasePending();
                write(ac);
                establish(ac);
            }
            case AE_8 -> {
                AAssociateRj rj = (AAssociateRj) payload;
                releaseSlot();
                outcome = "rejected(" + rj.reason() + ")";
                notifyRejected(request, rj);
                write(rj);
                startArtim();
            }
            case DT_1, AR_7 -> {
                consumed = true;
                writePData((PDataTf) payload, current.promise);
            }
            case DT_2, AR_6 -> {
                consumed = true;
                PDataTf pdata = (PDataTf) payload;
                try {
                    listener.onPData(association, pdata);
                } catch (RuntimeException e) {
                    LOG.warn("{} listener failed on P-DATA, aborting", peer(), e);
                    queue.add(new Pending(Event.EVT15, "listener failure", null));
                }
            }
            case AR_1 -> write(AReleaseRq.INSTANCE);
            case AR_2 -> {
                if (association == null || listener.releaseAcceptable(association)) {
                    queue.add(new Pending(Event.EVT14, null, null));
                } else {
                    LOG.warn("{} asked to release in the middle of a message; aborting", peer());
                    queue.add(new Pending(Event.EVT15, new AAbort(AbortSource.SERVICE_PROVIDER, AbortReason.UNEXPECTED_PDU), null));
                }
            }
            case AR_3 -> {
                outcome = "released";
                notifyReleased();
                ctx.close();
            }
            case AR_4 -> {
                outcome = "released";
                write(AReleaseRp.INSTANCE);
                startArtim();
                notifyReleased();
            }
            case AR_5 -> stopTimers();
            case AR_8 -> {
                if (machine.requestor()) {
                    queue.add(new Pending(Event.EVT14, null, null));
                }
            }
            case AR_9 -> write(AReleaseRp.INSTANCE);
            case AR_10 -> queue.add(new Pending(Event.EVT14, null, null));
            case AA_1 -> localOrEarlyAbort(event, payload);
            case AA_2 -> {
                if (event == Event.EVT18 && machine.state() == State.STA2) {
                    outcome = "aborted(ARTIM timeout, no A-ASSOCIATE-RQ)";
                } else if (event == Event.EVT16 && !outcome.startsWith("released") && !outcome.startsWith("rejected")) {
                    outcome = "aborted(by peer)";
                }
                failEstablish(AbortSource.SERVICE_PROVIDER, AbortReason.NOT_SPECIFIED, outcome);
                ctx.close();
            }
            case AA_3 -> {
                AAbort abort = (AAbort) payload;
                outcome = "aborted(by peer: " + abort.source() + ", " + abort.reason() + ")";
                notifyAborted(abort.source(), abort.reason());
                failEstablish(abort.source(), abort.reason(), "peer aborted");
                ctx.close();
            }
            case AA_4 -> {
                outcome = "aborted(connection closed)";
                notifyAborted(AbortSource.SERVICE_PROVIDER, AbortReason.NOT_SPECIFIED);
                failEstablish(AbortSource.SERVICE_PROVIDER, AbortReason.NOT_SPECIFIED, "connection closed");
            }
            case AA_5 -> {
                stopTimers();
                if (!outcome.startsWith("refused")) {
                    outcome = "closed before A-ASSOCIATE-RQ";
                }
            }
            case AA_6 -> {
                // Ignore the PDU: we are only waiting for the connection to close. Payload released by dispatch.
            }
            case AA_7 -> write(AAbort.byServiceProvider(reasonFor(event, payload)));
            case AA_8 -> {
                AbortReason reason = reasonFor(event, payload);
                outcome = "aborted(" + reason + ")";
                write(AAbort.byServiceProvider(reason));
                notifyAborted(AbortSource.SERVICE_PROVIDER, reason);
                failEstablish(AbortSource.SERVICE_PROVIDER, reason, "protocol error");
                startArtim();
            }
        }
        return null;
    }

    /** AE-6 (PS3.8 9.2.2): stop ARTIM, the provider's checks, then the local user's answer as Evt7/Evt8. */
    private State associateIndication(AAssociateRq rq) {
        stopTimers();
        request = rq;
        SocketAddress remote = ctx.channel().remoteAddress();
        InetAddress from = remote instanceof InetSocketAddress isa ? isa.getAddress() : null;
        counted = true;
        countedHost = from;
        AssociationLimiter.Counts counts = limiter.acquire(from);
        Optional<AAssociateRj> providerRejection = policy.checkProvider(rq, counts);
        if (providerRejection.isPresent()) {
            // A rejected association never held a slot: it must not keep one while we wait for the close.
            releaseSlot();
            String which = counts.fromHost() > policy.maxAssociationsPerHost()
                    ? ": " + counts.fromHost() + " from this host, limit " + policy.maxAssociationsPerHost()
                    : counts.total() > policy.maxAssociations() ? ": " + counts.total() + ", limit " + policy.maxAssociations() : "";
            outcome = "rejected(" + providerRejection.get().reason() + which + ")";
            notifyRejected(rq, providerRejection.get());
            write(providerRejection.get());
            startArtim();
            return State.STA13;
        }
        AcceptancePolicy.Decision decision = policy.negotiate(rq, from);
        if (decision.accepted()) {
            queue.add(new Pending(Event.EVT7, decision.accept(), null));
        } else {
            queue.add(new Pending(Event.EVT8, decision.reject(), null));
        }
        return State.STA3;
    }

    /** AA-1: our own abort (Evt15), or the peer sent a PDU other than A-ASSOCIATE-RQ in Sta2. */
    private void localOrEarlyAbort(Event event, Object payload) {
        if (event == Event.EVT15) {
            AAbort abort = payload instanceof AAbort a ? a : AAbort.byServiceUser();
            String why = payload instanceof String s ? s : payload instanceof Expiry x ? x.why() : "local";
            outcome = "aborted(" + why + ")";
            if (payload instanceof Expiry) {
                LOG.debug("{} -> {}, then close", peer(), abort);
                ctx.writeAndFlush(abort).addListener(ChannelFutureListener.CLOSE);
            } else {
                write(abort);
            }
            boolean provider = payload instanceof String || payload instanceof Expiry;
            notifyAborted(provider ? AbortSource.SERVICE_PROVIDER : abort.source(), provider ? AbortReason.NOT_SPECIFIED : abort.reason());
            failEstablish(AbortSource.SERVICE_USER, AbortReason.NOT_SPECIFIED, why);
        } else {
            AbortReason reason = reasonFor(event, payload);
            outcome = "aborted(" + reason + " before A-ASSOCIATE-RQ)";
            // AA-1 names the service-user as source; the reason field is then not significant (PS3.8 9.3.8).
            write(AAbort.byServiceUser());
        }
        startArtim();
    }

    private static AbortReason reasonFor(Event event, Object payload) {
        if (payload instanceof PduException e) {
            return e.reason();
        }
        return event.localPrimitive() ? AbortReason.NOT_SPECIFIED : AbortReason.UNEXPECTED_PDU;
    }

    private void establish(AAssociateAc ac) {
        association = new Association(this, machine.requestor(), request, ac, ctx.channel().remoteAddress(), ourMaxPduLength);
        established.complete(association);
        try {
            listener.onAssociated(association);
        } catch (RuntimeException e) {
            LOG.warn("{} listener failed on association, aborting", peer(), e);
            queue.add(new Pending(Event.EVT15, "listener failure", null));
        }
    }

    private void notifyReleased() {
        releaseWaiters.forEach(f -> f.complete(null));
        releaseWaiters.clear();
        if (association != null && !terminalNotified) {
            terminalNotified = true;
            try {
                listener.onReleased(association);
            } catch (RuntimeException e) {
                LOG.warn("{} listener failed on release", peer(), e);
            }
        }
    }

    private void notifyAborted(AbortSource source, AbortReason reason) {
        AssociationAbortedException ex = new AssociationAbortedException("association aborted", source, reason);
        releaseWaiters.forEach(f -> f.completeExceptionally(ex));
        releaseWaiters.clear();
        if (association != null && !terminalNotified) {
            terminalNotified = true;
            try {
                listener.onAborted(association, source, reason);
            } catch (RuntimeException e) {
                LOG.warn("{} listener failed on abort", peer(), e);
            }
        }
    }

    private void failEstablish(AbortSource source, AbortReason reason, String why) {
        if (!established.isDone()) {
            established.completeExceptionally(new AssociationAbortedException("association not established: " + why, source, reason));
        }
    }

    // ------------------------------------------------------------------ I/O and timers

    private void write(Pdu pdu) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} -> {}", peer(), pdu);
        }
        ctx.writeAndFlush(pdu).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("{} write of {} failed: {}", peer(), pdu.type(), f.cause().toString());
            }
        });
    }

    private void writePData(PDataTf pdata, CompletableFuture<Void> promise) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} -> {}", peer(), pdata);
        }
        ctx.writeAndFlush(pdata).addListener(f -> {
            if (promise != null) {
                complete(promise, f.cause());
            }
        });
    }

    private void startArtim() {
        cancel(artim);
        artim = ctx.executor().schedule(() -> fire(Event.EVT18, null, null), artimTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopTimers() {
        cancel(artim);
        cancel(acTimeout);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private void notifyRejected(AAssociateRq rq, AAssociateRj rj) {
        try {
            listener.onRejected(rq, ctx.channel().remoteAddress(), rj);
        } catch (RuntimeException e) {
            LOG.warn("{} listener failed on rejection", peer(), e);
        }
    }

    /** Once per connection: give back the association slot and write the one INFO line. */
    private void finish() {
        if (!ctx.channel().isActive()) {
            releaseSlot();
        }
        if (!ctx.channel().isActive()) {
            releasePending();
        }
        if (logged || ctx.channel().isActive()) {
            return;
        }
        logged = true;
        failEstablish(AbortSource.SERVICE_PROVIDER, AbortReason.NOT_SPECIFIED, outcome);
        int accepted = association == null ? 0 : association.acceptedContexts().size();
        String activity = association == null ? null : association.activitySummary();
        String done = activity == null ? outcome : activity + ", " + outcome;
        if (machine.requestor()) {
            LOG.info("{} -> {}: accepted {} contexts, {}", request.callingAeTitle(), peer(), accepted, done);
        } else {
            LOG.info("{} -> {}: accepted {} contexts, {}", peer(), request == null ? "?" : request.calledAeTitle(), accepted, done);
        }
    }

    private void releaseSlot() {
        if (counted) {
            counted = false;
            limiter.release(countedHost);
        }
    }

    private void releasePending() {
        if (pendingHeld) {
            pendingHeld = false;
            limiter.releasePending();
        }
    }

    /** The peer's socket address, {@code host:port}, for lines about connections without an association. */
    private String address() {
        SocketAddress a = ctx == null ? null : ctx.channel().remoteAddress();
        if (a instanceof InetSocketAddress isa) {
            return isa.getAddress().getHostAddress() + ":" + isa.getPort();
        }
        return String.valueOf(a);
    }

    /**
     * The peer as operators grep for it: {@code AET@host:port} ({@link AeAddress}); kept once the
     * request (and so the AE title) is known. The debug
     * lines of every PDU and state transition built it each time, even with DEBUG off: 10 % of
     * the event loop's samples on ingest (issue 16); they now ask {@code isDebugEnabled} first.
     */
    private String peer() {
        String known = peer;
        if (known != null) {
            return known;
        }
        String aet = request == null ? "?" : machine.requestor() ? request.calledAeTitle() : request.callingAeTitle();
        SocketAddress a = ctx == null ? null : ctx.channel().remoteAddress();
        String p = a instanceof InetSocketAddress isa ? AeAddress.format(aet, isa.getAddress().getHostAddress(),
                isa.getPort()) : aet + "@" + a;
        if (request != null && a != null) {
            peer = p;
        }
        return p;
    }

    private String peer;
}
