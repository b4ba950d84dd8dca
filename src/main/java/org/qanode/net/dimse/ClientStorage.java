package org.qanode.net.dimse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.qanode.dicom.UidCheck;
import org.qanode.net.assoc.AcceptedPresentationContext;
import org.qanode.net.assoc.Association;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The C-STORE SCP side of an association we requested: the storage sub-operations of a C-GET
 * (PS3.4 C.4.3.3) arrive on our own association, for which we negotiated the SCP role of the
 * storage SOP classes (PS3.7 D.3.3.4). Each data set is streamed into a {@link StorageSink} on
 * one storage thread, in order, and answered once the sink has committed it; reading pauses
 * while the storage thread is behind, as in the association SCP.
 */
final class ClientStorage {
    private static final Logger LOG = LoggerFactory.getLogger(ClientStorage.class);

    private final StorageSink sink;
    private final String associationId;
    private final StorageQueue storage;
    private final AtomicInteger stored = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private Association association;
    /** Touched only on the storage thread. */
    private StoreOperation current;

    ClientStorage(StorageSink sink, String associationId) {
        this.sink = sink;
        this.associationId = associationId;
        this.storage = new StorageQueue("get-store-" + associationId);
    }

    void attach(Association a) {
        association = a;
    }

    int stored() {
        return stored.get();
    }

    int failed() {
        return failed.get();
    }

    /** Event loop: a C-STORE-RQ command; its data set follows. */
    void onStoreRq(int contextId, Command command) {
        AcceptedPresentationContext pc = association.context(contextId).orElse(null);
        long started = System.nanoTime();
        storage.execute(() -> current = begin(contextId, pc, command, started));
    }

    private StoreOperation begin(int contextId, AcceptedPresentationContext pc, Command command, long started) {
        String sopClass = command.affectedSopClassUid();
        String sopInstance = command.affectedSopInstanceUid();
        if (pc == null || sopClass == null || sopInstance == null || !pc.abstractSyntax().equals(sopClass)) {
            return StoreOperation.refused(contextId, command, DimseStatus.SOP_CLASS_NOT_SUPPORTED,
                    "SOP class/instance missing or not the context's", started, null);
        }
        if (!UidCheck.isPathSafe(sopInstance)) {
            // PS3.5 9.1 before the UID reaches any sink, index or path; a multi-valued one included.
            return StoreOperation.refused(contextId, command, DimseStatus.INVALID_SOP_INSTANCE,
                    "Affected SOP Instance UID is not a UID (PS3.5 9.1)", started, null);
        }
        String host = association.remoteAddress() instanceof InetSocketAddress isa
                ? isa.getAddress().getHostAddress() : "?";
        int port = association.remoteAddress() instanceof InetSocketAddress isa ? isa.getPort() : 0;
        // We requested this association: the peer is the called AE, we are the calling one.
        StoreContext ctx = new StoreContext(association.calledAeTitle().trim(), association.callingAeTitle().trim(),
                host, port, sopClass, sopInstance, pc.transferSyntax(), associationId);
        try {
            return new StoreOperation(contextId, command, sink.begin(ctx), ctx, started);
        } catch (DimseException e) {
            return StoreOperation.refused(contextId, command, e.status(), e.getMessage(), started, ctx);
        } catch (RuntimeException e) {
            LOG.error("cannot open storage for {}", sopInstance, e);
            return StoreOperation.refused(contextId, command, DimseStatus.OUT_OF_RESOURCES, "storage failure",
                    started, ctx);
        }
    }

    /** Event loop: a fragment of the current C-STORE data set. */
    void onData(ByteBuf data, boolean last) {
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

    private void finish(StoreOperation obj) {
        current = null;
        int status = obj.complete();
        if (DimseStatus.isFailure(status)) {
            failed.incrementAndGet();
            LOG.warn("C-GET sub-operation {}: {}", obj.command().affectedSopInstanceUid(), DimseStatus.name(status));
        } else {
            stored.incrementAndGet();
        }
        association.sendMessage(obj.contextId(), true,
                Unpooled.wrappedBuffer(Command.response(obj.command(), status, obj.errorComment()).encode()));
    }

    /** The association ended: an object in flight is abandoned. */
    void end() {
        storage.execute(() -> {
            if (current != null) {
                current.abandon();
                current = null;
            }
        });
        storage.shutdown();
    }
}
