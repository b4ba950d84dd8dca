package org.qanode.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.qanode.net.dimse.DimseException;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.StorageSink;
import org.qanode.net.dimse.StorageTarget;
import org.qanode.net.dimse.StoreContext;
import org.qanode.store.Arrival;
import org.qanode.store.IncomingObject;
import org.qanode.store.StateStore;
import org.qanode.store.StoreException;

/**
 * The state store as the C-STORE SCP sees it: each object is filed under the state its
 * {@link StateResolver} picks, and the store's answers become DIMSE statuses (PS3.4 B.2.3):
 * <ul>
 * <li>Success (0000) once the object is on disk and indexed, or when identical content is held;
 * <li>Warning B007 (Data Set does not match SOP Class) when the data set cannot be parsed: the
 * object is still kept, because a QA node must not lose what the ROIS sent;
 * <li>Refused A700 (Out of Resources) for any file system or index failure, nothing left behind,
 * and before any byte is written while free space is below {@code storage.minFreeBytes};
 * <li>Failure 0117 (Invalid Object Instance, PS3.7 C) for a SOP Instance UID that is not a UID;
 * <li>Error A900 (Data Set does not match SOP Class) when a UID of the data set is not a UID or a
 * value is too long for the index: nothing kept;
 * <li>Failure 0110 (Processing Failure) when no valid state can be chosen.
 * </ul>
 */
public final class StateStoreSink implements StorageSink {
    private final StateStore store;
    private final StateResolver resolver;

    public StateStoreSink(StateStore store, StateResolver resolver) {
        this.store = store;
        this.resolver = resolver;
    }

    @Override
    public StorageTarget begin(StoreContext ctx) throws DimseException {
        return begin(ctx, resolver.stateFor(ctx));
    }

    /**
     * Receives into a state the caller already resolved: a sink in front of this one that needs
     * the state itself resolves once, so a resolver with side effects (an export counting the
     * objects routed to it) sees each object once.
     */
    public StorageTarget begin(StoreContext ctx, String state) throws DimseException {
        if (state == null) {
            throw new DimseException(DimseStatus.PROCESSING_FAILURE,
                    "no state for called AE title " + ctx.calledAeTitle());
        }
        try {
            return new Target(store.begin(arrival(ctx), state));
        } catch (StoreException e) {
            throw failure(e);
        }
    }

    static Arrival arrival(StoreContext ctx) {
        return new Arrival(ctx.sopClassUid(), ctx.sopInstanceUid(), ctx.transferSyntaxUid(), ctx.callingAeTitle(),
                ctx.callingAeTitle() + "@" + ctx.remoteHost() + ":" + ctx.remotePort());
    }

    static DimseException failure(StoreException e) {
        int status = switch (e.reason()) {
            case INVALID_UID -> DimseStatus.INVALID_OBJECT_INSTANCE;
            case INVALID_DATASET -> DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS;
            case INVALID_STATE -> DimseStatus.PROCESSING_FAILURE;
            case UNAVAILABLE, OUT_OF_SPACE -> DimseStatus.OUT_OF_RESOURCES;
        };
        return new DimseException(status, e.getMessage(), e);
    }

    /** A target of this sink: after a successful commit, how the store filed the object. */
    static final class Target implements StorageTarget {
        private final IncomingObject incoming;
        private IncomingObject.Stored stored;

        /** Null until committed. */
        IncomingObject.Stored stored() {
            return stored;
        }

        Target(IncomingObject incoming) {
            this.incoming = incoming;
        }

        @Override
        public void write(ByteBuffer data) throws IOException {
            incoming.write(data);
        }

        @Override
        public int commit() throws DimseException {
            try {
                IncomingObject.Stored stored = incoming.commit();
                this.stored = stored;
                return stored.parseError() == null ? DimseStatus.SUCCESS
                        : DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING;
            } catch (StoreException e) {
                throw failure(e);
            }
        }

        @Override
        public void abort() {
            incoming.abort();
        }
    }
}
