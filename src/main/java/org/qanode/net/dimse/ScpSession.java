package org.qanode.net.dimse;

import io.netty.buffer.ByteBuf;
import org.qanode.dicom.AeAddress;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.qanode.dicom.UID;
import org.qanode.dicom.UidCheck;
import org.qanode.net.assoc.AcceptedPresentationContext;
import org.qanode.net.assoc.Association;
import org.qanode.net.pdu.AbortReason;
import org.qanode.net.pdu.AbortSource;
import org.qanode.net.pdu.PDataTf;
import org.qanode.net.pdu.PresentationDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One association's DIMSE service provider side. Messages are reassembled on the event loop;
 * all storage work runs on this association's own thread, in arrival order, so disk and
 * database never block the network and responses keep the order of requests. When the
 * storage thread falls behind, reading from the socket pauses (TCP backpressure), which bounds
 * the memory an object in flight can take whatever its size.
 */
final class ScpSession implements MessageAssembler.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ScpSession.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final Association association;
    private final StoreScpConfig config;
    private final StorageSink sink;
    private final ScpListener events;
    private final SessionTracker tracker;
    private final MessageAssembler assembler = new MessageAssembler(this);
    private final StorageQueue storage;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final String id = Long.toString(IDS.incrementAndGet());
    private final AtomicInteger stored = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    /** Touched only on the storage thread. */
    private StoreOperation current;
    /** Whether a message is partly received; written on the event loop, read by shutdown. */
    private volatile boolean midMessage;

    ScpSession(Association association, StoreScpConfig config, StorageSink sink, ScpListener events,
            SessionTracker tracker) {
        this.association = association;
        this.config = config;
        this.sink = sink;
        this.events = events;
        this.tracker = tracker;
        this.storage = new StorageQueue("scp-" + association.callingAeTitle().trim() + "-" + id);
        association.setActivitySummary(() -> stored.get() + " objects stored, " + failed.get() + " failed");
    }

    /** Event loop only: a command or data set is partly received. */
    boolean inMessage() {
        return assembler.inMessage();
    }

    /**
     * Called by a shutdown from another thread: the assembler belongs to the event loop, so its
     * state is published through a volatile flag after each P-DATA rather than read directly.
     */
    boolean busy() {
        return inFlight.get() > 0 || midMessage;
    }

    void onPData(PDataTf pdata) {
        try {
            for (PresentationDataValue pdv : pdata.values()) {
                assembler.accept(pdv);
            }
            midMessage = assembler.inMessage();
        } catch (DimseProtocolException e) {
            LOG.warn("{}: {}; aborting", peer(), e.getMessage());
            association.abort(AbortSource.SERVICE_PROVIDER, AbortReason.UNEXPECTED_PDU_PARAMETER);
        }
    }

    @Override
    public void onCommand(int contextId, Command command) {
        AcceptedPresentationContext pc = association.context(contextId).orElse(null);
        switch (command.commandField()) {
            case CommandField.C_ECHO_RQ -> {
                respond(contextId, Command.response(command, DimseStatus.SUCCESS, null));
                events.echoAnswered(association.callingAeTitle());
            }
            case CommandField.C_STORE_RQ -> {
                if (!command.hasDataSet()) {
                    respond(contextId, Command.response(command, DimseStatus.MISTYPED_ARGUMENT, "C-STORE without data set"));
                    return;
                }
                inFlight.incrementAndGet();
                long started = System.nanoTime();
                storage.execute(() -> current = begin(contextId, pc, command, started));
            }
            default -> {
                LOG.info("{}: {} not supported", peer(), CommandField.name(command.commandField()));
                if (command.hasDataSet()) {
                    inFlight.incrementAndGet();
                    storage.execute(() -> current = StoreOperation.refused(contextId, command,
                            DimseStatus.UNRECOGNIZED_OPERATION, "operation not supported", System.nanoTime(), null));
                } else {
                    respond(contextId, Command.response(command, DimseStatus.UNRECOGNIZED_OPERATION, "operation not supported"));
                }
            }
        }
    }

    /** Storage thread: open the sink's target, or note why the object is refused (its data is then drained). */
    private StoreOperation begin(int contextId, AcceptedPresentationContext pc, Command command, long started) {
        String sopClass = command.affectedSopClassUid();
        String sopInstance = command.affectedSopInstanceUid();
        // refusals before the sink are reported to listeners too (audit records each refusal)
        StoreContext refusedCtx = new StoreContext(association.callingAeTitle(), association.calledAeTitle(),
                remoteHost(), remotePort(), sopClass, sopInstance, pc == null ? null : pc.transferSyntax(), id);
        if (pc == null || sopClass == null || sopInstance == null) {
            return StoreOperation.refused(contextId, command, DimseStatus.MISTYPED_ARGUMENT,
                    "no SOP class/instance or unknown context", started, refusedCtx);
        }
        if (!UidCheck.isPathSafe(sopInstance)) {
            // PS3.5 9.1 before the UID reaches any sink, index or path; a multi-valued one included.
            return StoreOperation.refused(contextId, command, DimseStatus.INVALID_SOP_INSTANCE,
                    "Affected SOP Instance UID is not a UID (PS3.5 9.1)", started, refusedCtx);
        }
        if (!pc.abstractSyntax().equals(sopClass)) {
            // PS3.4 B.2.3: the data set's class must be the one the context was negotiated for.
            return StoreOperation.refused(contextId, command, DimseStatus.SOP_CLASS_NOT_SUPPORTED,
                    "SOP class differs from presentation context", started, refusedCtx);
        }
        String originator = command.moveOriginatorAeTitle();
        StoreContext ctx = new StoreContext(association.callingAeTitle(), association.calledAeTitle(), remoteHost(),
                remotePort(), sopClass, sopInstance, pc.transferSyntax(), id,
                originator == null ? null : originator.trim(), command.moveOriginatorMessageId());
        try {
            return new StoreOperation(contextId, command, sink.begin(ctx), ctx, started);
        } catch (DimseException e) {
            return StoreOperation.refused(contextId, command, e.status(), e.errorComment(), started, ctx);
        } catch (RuntimeException e) {
            LOG.error("{}: storage failed to open {}", peer(), sopInstance, e);
            return StoreOperation.refused(contextId, command, DimseStatus.OUT_OF_RESOURCES, "storage failure", started, ctx);
        }
    }

    @Override
    public void onDataFragment(int contextId, ByteBuf data, boolean last) {
        storage.executeData(association.channel(), data, bytes -> {
            StoreOperation obj = current;
            if (obj != null) {
                obj.write(bytes);
                if (last) {
                    finish(obj);
                }
            }
        });
    }

    /** Storage thread: commit and answer. */
    private void finish(StoreOperation obj) {
        current = null;
        int status = obj.complete();
        String comment = obj.errorComment();
        long nanos = System.nanoTime() - obj.started();
        respond(obj.contextId(), Command.response(obj.command(), status, comment));
        if (DimseStatus.isFailure(status)) {
            failed.incrementAndGet();
        } else {
            stored.incrementAndGet();
        }
        if (obj.context() != null) {
            events.objectReceived(obj.context(), obj.bytes(), nanos, status);
        }
        logObject(obj, status, nanos);
        inFlight.decrementAndGet();
    }

    private void logObject(StoreOperation obj, int status, long nanos) {
        String sopClass = obj.command().affectedSopClassUid();
        String name = sopClass == null ? "?" : UID.nameOf(sopClass);
        // concatenation, not String.format: one line per object, on the storage thread's critical path
        String line = peer() + " -> " + association.calledAeTitle().trim() + ": " + (name != null ? name : sopClass)
                + " " + obj.command().affectedSopInstanceUid() + ", " + obj.bytes() + " bytes, " + nanos / 1_000_000
                + " ms: " + DimseStatus.name(status);
        if (DimseStatus.isFailure(status)) {
            LOG.warn("{}{}", line, obj.errorComment() != null ? " (" + obj.errorComment() + ")" : "");
        } else {
            LOG.info(line);
        }
    }

    private void respond(int contextId, Command response) {
        association.sendMessage(contextId, true, Unpooled.wrappedBuffer(response.encode()));
    }

    /** The association is over: an object still open is abandoned and leaves nothing behind. */
    void onEnded(boolean aborted) {
        storage.execute(() -> {
            if (current != null) {
                current.abandon();
                LOG.warn("{}: association {} during {}; nothing stored", peer(), aborted ? "aborted" : "released",
                        current.command().affectedSopInstanceUid());
                failed.incrementAndGet();
                current = null;
            }
            inFlight.set(0);
            tracker.remove(this);
            try {
                events.sessionFinished(new ScpListener.FinishedSession(id, association.callingAeTitle().trim(),
                        association.calledAeTitle().trim(), remoteHost(), stored.get(), failed.get(), aborted));
            } catch (RuntimeException e) {
                LOG.error("{}: a listener failed at the end of the association: {}", peer(), e.toString());
            }
            try {
                events.associationFinished(peerInfo(), aborted);
            } catch (RuntimeException e) {
                LOG.error("{}: association listener failed: {}", peer(), e.toString());
            }
        });
        storage.shutdown();
    }

    /** The association's peer as listeners see it. */
    ScpListener.Peer peerInfo() {
        return new ScpListener.Peer(id, association.callingAeTitle().trim(), association.calledAeTitle().trim(),
                remoteHost(), remotePort());
    }

    private String remoteHost() {
        return association.remoteAddress() instanceof InetSocketAddress isa ? isa.getAddress().getHostAddress() : "?";
    }

    private int remotePort() {
        return association.remoteAddress() instanceof InetSocketAddress isa ? isa.getPort() : 0;
    }

    /** The calling AE title and address, for the log lines; built once (one line per object). */
    private String peer() {
        String p = peer;
        if (p == null) {
            p = AeAddress.format(association.callingAeTitle(), remoteHost(), remotePort());
            peer = p;
        }
        return p;
    }

    private String peer;
}
