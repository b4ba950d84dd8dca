package org.qanode.net.dimse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.assoc.AcceptedPresentationContext;
import org.qanode.net.assoc.Association;
import org.qanode.net.assoc.AssociationAbortedException;
import org.qanode.net.assoc.AssociationListener;
import org.qanode.net.assoc.AssociationRejectedException;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.pdu.AbortReason;
import org.qanode.net.pdu.AbortSource;
import org.qanode.net.pdu.PDataTf;
import org.qanode.net.pdu.PresentationContextRq;
import org.qanode.net.pdu.PresentationDataValue;
import org.qanode.net.pdu.UserInformationItem;

/**
 * The service-user side of DIMSE on one association (PS3.7 section 9): sends requests with
 * their data sets streamed in fragments of the peer's maximum PDU size, and hands back the
 * responses, pending ones included, by message ID. Blocking calls, meant for worker threads.
 */
public final class DimseClient implements AutoCloseable {
    /** P-DATA-TF bytes we let the socket buffer before waiting: bounds memory while sending. */
    private static final int MAX_UNFLUSHED_PDUS = 32;

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Association association;
    private final Session session;
    private final AtomicInteger messageIds = new AtomicInteger();
    /** Released or aborted by us: {@link #close} has nothing left to end. */
    private volatile boolean ended;
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

    private DimseClient(EventLoopGroup group, boolean ownsGroup, Association association, Session session) {
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.association = association;
        this.session = session;
    }

    /**
     * Opens an association. Fails with {@link AssociationRejectedException} (the peer's RJ) or
     * {@link AssociationAbortedException} (connection refused, abort, time-out).
     */
    public static DimseClient open(String host, int port, String callingAeTitle, String calledAeTitle,
            List<PresentationContextRq> contexts, AssociationRequestor.Config config)
            throws AssociationRejectedException, AssociationAbortedException, InterruptedException {
        return open(host, port, callingAeTitle, calledAeTitle, contexts, config, null);
    }

    /**
     * Opens an association on which the peer may also send C-STORE-RQs, the sub-operations of a
     * C-GET (PS3.4 C.4.3): they are written to {@code storage} (null: refused) and answered. The
     * storage contexts must be proposed with an SCP role selection in {@code extra} (PS3.7 D.3.3.4).
     */
    public static DimseClient open(String host, int port, String callingAeTitle, String calledAeTitle,
            List<PresentationContextRq> contexts, AssociationRequestor.Config config, StorageSink storage,
            UserInformationItem... extra)
            throws AssociationRejectedException, AssociationAbortedException, InterruptedException {
        EventLoopGroup group = new NioEventLoopGroup(1);
        String id = "scu-" + IDS.incrementAndGet();
        Session session = new Session(storage == null ? null : new ClientStorage(storage, id));
        session.associationId = id;
        AssociationRequestor requestor = new AssociationRequestor(group, config);
        try {
            Association a = requestor.connect(host, port, requestor.request(callingAeTitle, calledAeTitle, contexts,
                    extra), session).get();
            return new DimseClient(group, true, a, session);
        } catch (ExecutionException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e.getCause() instanceof AssociationRejectedException r) {
                throw r;
            }
            if (e.getCause() instanceof AssociationAbortedException ab) {
                throw ab;
            }
            AssociationAbortedException failed = new AssociationAbortedException("association failed: " + e.getCause(),
                    AbortSource.SERVICE_PROVIDER, AbortReason.NOT_SPECIFIED);
            failed.initCause(e.getCause());
            throw failed;
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public Association association() {
        return association;
    }

    /**
     * The id this client gives its association in the {@link StoreContext} of C-GET
     * sub-operations, so a sink can tell which retrieval an object belongs to.
     */
    public String associationId() {
        return session.associationId;
    }

    /** C-STORE sub-operations of a C-GET stored and failed on this association so far. */
    public int subOperationsStored() {
        return session.storage == null ? 0 : session.storage.stored();
    }

    public int nextMessageId() {
        return messageIds.updateAndGet(i -> i >= 0xFFFF ? 1 : i + 1);
    }

    /** C-ECHO (PS3.7 9.1.5); returns the response status. */
    public int echo(Duration timeout) throws IOException, InterruptedException {
        AcceptedPresentationContext pc = association.contextFor(StoreScpConfig.VERIFICATION)
                .orElseThrow(() -> new IOException("Verification was not accepted"));
        int id = nextMessageId();
        Responses r = send(pc.id(), Command.cEchoRq(id), null);
        return r.next(timeout).status();
    }

    /**
     * C-STORE (PS3.7 9.1.1) of a data set already encoded in the context's transfer syntax,
     * streamed from {@code dataSet}; returns the response.
     */
    public DimseResponse store(int contextId, String sopClassUid, String sopInstanceUid, InputStream dataSet,
            Duration timeout) throws IOException, InterruptedException {
        int id = nextMessageId();
        Responses r = send(contextId, Command.cStoreRq(id, sopClassUid, sopInstanceUid, 0, null, 0), dataSet);
        return r.next(timeout);
    }

    /**
     * Sends a request and its data set (or none) and returns the stream of its responses.
     * For C-FIND/C-MOVE/C-GET the caller reads pending responses until a final one.
     */
    public Responses send(int contextId, Command request, InputStream dataSet) throws IOException {
        Responses responses = new Responses(this, request.messageId());
        session.pending.put(request.messageId(), responses);
        await(association.sendMessage(contextId, true, Unpooled.wrappedBuffer(request.encode())));
        if (dataSet != null) {
            sendDataSet(contextId, dataSet);
        }
        return responses;
    }

    /** C-CANCEL-RQ (PS3.7 9.3.2.3) for an outstanding C-FIND, C-MOVE or C-GET. */
    public void cancel(int contextId, int messageId) throws IOException {
        await(association.sendMessage(contextId, true, Unpooled.wrappedBuffer(Command.cCancelRq(messageId).encode())));
    }

    /**
     * Data set fragments sized to the peer's maximum PDU (PS3.8 D.1): each P-DATA-TF holds one
     * PDV of at most (max length - 6) bytes. Reading one chunk ahead tells which is last.
     */
    private void sendDataSet(int contextId, InputStream in) throws IOException {
        long peerMax = association.peerMaxPduLength();
        int fragment = (int) Math.min(peerMax == 0 ? Association.DEFAULT_FRAGMENT_PDU_LENGTH : peerMax, 1 << 20) - 6;
        Deque<CompletableFuture<Void>> unflushed = new ArrayDeque<>();
        byte[] chunk = in.readNBytes(fragment);
        while (true) {
            byte[] next = chunk.length < fragment ? new byte[0] : in.readNBytes(fragment);
            boolean last = next.length == 0;
            ByteBuf payload = Unpooled.wrappedBuffer(chunk);
            unflushed.add(association.send(PDataTf.of(new PresentationDataValue(contextId, false, last, payload))));
            if (unflushed.size() > MAX_UNFLUSHED_PDUS) {
                await(unflushed.poll());
            }
            if (last) {
                break;
            }
            chunk = next;
        }
        while (!unflushed.isEmpty()) {
            await(unflushed.poll());
        }
    }

    private static void await(CompletableFuture<Void> f) throws IOException {
        try {
            f.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new IOException("send failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("send timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        }
    }

    /** A-RELEASE (PS3.8 7.2); waits for the peer's answer. */
    public void release() throws IOException {
        try {
            association.release().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // no A-RELEASE-RP (the association ended, or the peer is silent): abort (PS3.8 7.3.2),
            // which also frees the event loop; the abort must run before the loop is shut down
            abort();
            throw new IOException("release failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new IOException("interrupted during release", e);
        }
        ended = true;
        shutdownGroup();
    }

    public void abort() {
        ended = true;
        association.abort();
        shutdownGroup();
    }

    @Override
    public void close() {
        // after a release or an abort the channel may still look active for a moment: never
        // release again then (the event loop may be gone already)
        if (!ended && association.channel().isActive()) {
            try {
                release();
            } catch (IOException e) {
                // release() has aborted the association already
            }
        } else {
            shutdownGroup();
        }
    }

    private void shutdownGroup() {
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Responses to one request, in arrival order; the last one is not pending. */
    public static final class Responses {
        private static final DimseResponse ENDED = new DimseResponse(null, null);
        private final DimseClient client;
        private final int messageId;
        private final BlockingQueue<DimseResponse> queue = new LinkedBlockingQueue<>();
        private volatile AssociationEndedException endedBecause;

        Responses(DimseClient client, int messageId) {
            this.client = client;
            this.messageId = messageId;
        }

        public int messageId() {
            return messageId;
        }

        /** The next response; IOException if the association ended or the time-out passed first. */
        public DimseResponse next(Duration timeout) throws IOException, InterruptedException {
            DimseResponse r = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new DimseTimeoutException(messageId, timeout);
            }
            if (r == ENDED) {
                queue.add(ENDED);
                throw ended();
            }
            return r;
        }

        /** The next response, or null when none came within {@code timeout}; IOException if the association ended. */
        public DimseResponse poll(Duration timeout) throws IOException, InterruptedException {
            DimseResponse r = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r == ENDED) {
                queue.add(ENDED);
                throw ended();
            }
            return r;
        }

        /** A fresh exception per waiter (stack traces show who waited), with the source and reason. */
        private AssociationEndedException ended() {
            AssociationEndedException why = endedBecause;
            return new AssociationEndedException("association ended before the response to message " + messageId
                    + ": " + why.getMessage(), why.source(), why.reason());
        }

        void deliver(DimseResponse r) {
            queue.add(r);
            if (!r.pending()) {
                client.session.pending.remove(messageId);
            }
        }

        void end(AssociationEndedException why) {
            endedBecause = why;
            queue.add(ENDED);
        }
    }

    /** Reassembles responses on the event loop and routes them to their {@link Responses}. */
    private static final class Session implements AssociationListener, MessageAssembler.Handler {
        private final Map<Integer, Responses> pending = new ConcurrentHashMap<>();
        private final MessageAssembler assembler = new MessageAssembler(this);
        private final ClientStorage storage;
        private volatile String associationId;
        private Association association;
        private Command awaitingData;
        private ByteArrayOutputStream data;
        private boolean storing;

        Session(ClientStorage storage) {
            this.storage = storage;
        }

        @Override
        public void onAssociated(Association a) {
            association = a;
            if (storage != null) {
                storage.attach(a);
            }
        }

        @Override
        public void onPData(Association a, PDataTf pdata) {
            try {
                for (PresentationDataValue pdv : pdata.values()) {
                    assembler.accept(pdv);
                }
            } catch (DimseProtocolException e) {
                a.abort(AbortSource.SERVICE_PROVIDER, AbortReason.UNEXPECTED_PDU_PARAMETER);
                endAll(new AssociationEndedException("aborted by us: protocol error: " + e.getMessage(),
                        AbortSource.SERVICE_PROVIDER, AbortReason.UNEXPECTED_PDU_PARAMETER));
            } finally {
                pdata.release();
            }
        }

        @Override
        public void onCommand(int contextId, Command command) {
            if (command.commandField() == CommandField.C_STORE_RQ) {
                onStoreRq(contextId, command);
                return;
            }
            if (command.hasDataSet()) {
                awaitingData = command;
                data = new ByteArrayOutputStream();
                return;
            }
            route(command, null);
        }

        @Override
        public void onDataFragment(int contextId, ByteBuf fragment, boolean last) throws DimseProtocolException {
            if (storing) {
                if (storage != null) {
                    storage.onData(fragment, last);
                } else if (last) {
                    association.sendMessage(storedRefusalContext, true, Unpooled.wrappedBuffer(Command.response(
                            storedRefusal, DimseStatus.SOP_CLASS_NOT_SUPPORTED, "not a storage SCP").encode()));
                }
                storing = !last;
                return;
            }
            byte[] b = new byte[fragment.readableBytes()];
            fragment.getBytes(fragment.readerIndex(), b);
            data.write(b, 0, b.length);
            if (last) {
                Dataset ds;
                try {
                    String ts = association.context(contextId).map(AcceptedPresentationContext::transferSyntax)
                            .orElse(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
                    ds = DicomReader.readDataset(data.toByteArray(), TransferSyntax.of(ts));
                } catch (IOException e) {
                    throw new DimseProtocolException("cannot decode response data set: " + e.getMessage(), e);
                }
                Command c = awaitingData;
                awaitingData = null;
                data = null;
                route(c, ds);
            }
        }

        /**
         * A C-STORE-RQ from the peer: a C-GET sub-operation (PS3.4 C.4.3.3). Without a sink it is
         * answered Refused: SOP Class not supported, after its data set, as PS3.7 9.3.1 expects.
         */
        private void onStoreRq(int contextId, Command command) {
            if (!command.hasDataSet()) {
                association.sendMessage(contextId, true, Unpooled.wrappedBuffer(
                        Command.response(command, DimseStatus.MISTYPED_ARGUMENT, "C-STORE without data set").encode()));
                return;
            }
            storing = true;
            if (storage != null) {
                storage.onStoreRq(contextId, command);
            } else {
                storedRefusal = command;
                storedRefusalContext = contextId;
            }
        }

        private Command storedRefusal;
        private int storedRefusalContext;

        private void route(Command command, Dataset ds) {
            Responses r = pending.get(command.messageIdBeingRespondedTo());
            if (r != null) {
                r.deliver(new DimseResponse(command, ds));
            }
        }

        @Override
        public void onReleased(Association a) {
            endAll(new AssociationEndedException("released", null, null));
        }

        @Override
        public void onAborted(Association a, AbortSource source, AbortReason reason) {
            endAll(new AssociationEndedException("aborted (" + source + ", " + reason + ")", source, reason));
        }

        private void endAll(AssociationEndedException why) {
            if (storage != null) {
                storage.end();
            }
            for (Responses r : pending.values()) {
                r.end(why);
            }
            pending.clear();
        }
    }
}
