package org.qanode.net.dimse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.assoc.AcceptedPresentationContext;

/**
 * The Query/Retrieve SCU (PS3.4 Annex C) on an open {@link DimseClient}: C-FIND, C-MOVE and
 * C-GET with pending responses, C-CANCEL and time-outs. Blocking, for worker threads.
 *
 * <p>Time-outs: {@code responseTimeout} bounds the silence between two responses (a C-MOVE may
 * run for an hour but must report progress); when it passes, a C-CANCEL is sent (PS3.7
 * 9.3.2.3) and, if the final response does not follow within the same time, the association
 * is aborted, so a peer that stops answering never holds a caller longer than twice the time-out.
 */
public final class QueryRetrieveScu {
    /** Priority (0000,0700) MEDIUM (PS3.7 9.3.1.1). */
    public static final int MEDIUM = 0;
    private static final Duration SLICE = Duration.ofMillis(200);

    private final DimseClient client;
    private final Duration responseTimeout;

    public QueryRetrieveScu(DimseClient client, Duration responseTimeout) {
        this.client = client;
        this.responseTimeout = responseTimeout;
    }

    /** A request was cancelled on purpose, or timed out; the IOException says which. */
    public static final class TimeoutException extends IOException {
        public TimeoutException(String message) {
            super(message);
        }
    }

    /**
     * C-FIND (PS3.4 C.4.1): {@code identifier} holds the Query/Retrieve Level, matching keys
     * (with values) and return keys (empty). Each match goes to {@code onMatch}; when
     * {@code cancel} turns true a C-CANCEL-RQ is sent and the result has status Cancel.
     */
    public FindResult find(QueryRetrieveModel model, Dataset identifier, Consumer<Dataset> onMatch,
            BooleanSupplier cancel) throws IOException, InterruptedException {
        int pc = context(model.findSopClass());
        int id = client.nextMessageId();
        DimseClient.Responses r = client.send(pc, Command.cFindRq(id, model.findSopClass(), MEDIUM),
                encode(identifier, pc));
        List<Dataset> matches = new ArrayList<>();
        DimseResponse final_ = await(r, pc, cancel, rsp -> {
            if (rsp.dataSet() != null) {
                matches.add(rsp.dataSet());
                onMatch.accept(rsp.dataSet());
            }
        });
        return new FindResult(final_.status(), matches, final_.command().errorComment());
    }

    /** C-FIND collecting all matches. */
    public FindResult find(QueryRetrieveModel model, Dataset identifier) throws IOException, InterruptedException {
        return find(model, identifier, m -> { }, () -> false);
    }

    /**
     * C-MOVE (PS3.4 C.4.2): the SCP opens its own association to {@code destination} (an AE
     * title it must know with host and port) and sends the C-STOREs there. Progress goes to
     * {@code progress} with each pending response.
     */
    public RetrieveResult move(QueryRetrieveModel model, Dataset identifier, String destination,
            Consumer<RetrieveProgress> progress, BooleanSupplier cancel) throws IOException, InterruptedException {
        return move(model, identifier, destination, client.nextMessageId(), progress, cancel);
    }

    /**
     * C-MOVE with a message ID the caller took from {@link DimseClient#nextMessageId}: the SCP
     * puts it in each sub-operation's Move Originator Message ID (0000,1031), so the caller can
     * route the incoming objects before the request is sent.
     */
    public RetrieveResult move(QueryRetrieveModel model, Dataset identifier, String destination, int id,
            Consumer<RetrieveProgress> progress, BooleanSupplier cancel) throws IOException, InterruptedException {
        int pc = context(model.moveSopClass());
        DimseClient.Responses r = client.send(pc, Command.cMoveRq(id, model.moveSopClass(), MEDIUM, destination),
                encode(identifier, pc));
        return retrieveResult(await(r, pc, cancel, rsp -> progress.accept(RetrieveProgress.of(rsp.command()))));
    }

    /**
     * C-GET (PS3.4 C.4.3): the C-STOREs come back on this association and go to the client's
     * storage sink; the client must have been opened with one and with SCP role selections.
     */
    public RetrieveResult get(QueryRetrieveModel model, Dataset identifier, Consumer<RetrieveProgress> progress,
            BooleanSupplier cancel) throws IOException, InterruptedException {
        int pc = context(model.getSopClass());
        int id = client.nextMessageId();
        DimseClient.Responses r = client.send(pc, Command.cGetRq(id, model.getSopClass(), MEDIUM),
                encode(identifier, pc));
        return retrieveResult(await(r, pc, cancel, rsp -> progress.accept(RetrieveProgress.of(rsp.command()))));
    }

    private static RetrieveResult retrieveResult(DimseResponse last) {
        List<String> failed = new ArrayList<>();
        if (last.dataSet() != null) {
            String[] uids = last.dataSet().getStrings(Tags.FailedSOPInstanceUIDList);
            if (uids != null) {
                for (String u : uids) {
                    if (u != null && !u.isBlank()) {
                        failed.add(u.trim());
                    }
                }
            }
        }
        return new RetrieveResult(last.status(), RetrieveProgress.of(last.command()), failed,
                last.command().errorComment());
    }

    /** Reads responses until the final one, cancelling on request or after the time-out. */
    private DimseResponse await(DimseClient.Responses r, int pc, BooleanSupplier cancel,
            Consumer<DimseResponse> onPending) throws IOException, InterruptedException {
        long silentSince = System.nanoTime();
        boolean cancelSent = false;
        String why = null;
        while (true) {
            DimseResponse rsp = r.poll(SLICE);
            if (rsp != null) {
                silentSince = System.nanoTime();
                if (!rsp.pending()) {
                    if (why != null && rsp.status() == DimseStatus.CANCEL && cancelSent && !cancel.getAsBoolean()) {
                        throw new TimeoutException(why + "; cancelled (C-CANCEL answered)");
                    }
                    return rsp;
                }
                onPending.accept(rsp);
                continue;
            }
            long silentNanos = System.nanoTime() - silentSince;
            if (!cancelSent && cancel.getAsBoolean()) {
                client.cancel(pc, r.messageId());
                cancelSent = true;
                silentSince = System.nanoTime();
            } else if (!cancelSent && silentNanos > responseTimeout.toNanos()) {
                why = "no response to message " + r.messageId() + " within " + responseTimeout.toSeconds() + " s";
                client.cancel(pc, r.messageId());
                cancelSent = true;
                silentSince = System.nanoTime();
            } else if (cancelSent && silentNanos > responseTimeout.toNanos()) {
                client.abort();
                throw new TimeoutException((why != null ? why : "cancelled")
                        + "; no final response to the C-CANCEL within " + responseTimeout.toSeconds()
                        + " s: association aborted");
            }
        }
    }

    private int context(String sopClass) throws IOException {
        return client.association().contextFor(sopClass).map(AcceptedPresentationContext::id)
                .orElseThrow(() -> new IOException("the peer did not accept " + sopClass));
    }

    /** The identifier in the context's transfer syntax. */
    private ByteArrayInputStream encode(Dataset identifier, int pc) {
        String ts = client.association().context(pc).map(AcceptedPresentationContext::transferSyntax)
                .orElse(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DicomWriter.writeDataset(out, identifier, TransferSyntax.of(ts));
            return new ByteArrayInputStream(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An identifier with the level set (PS3.4 C.4.1.1.3.1). */
    public static Dataset identifier(QueryLevel level) {
        Dataset d = new Dataset();
        d.setString(Tags.QueryRetrieveLevel, VR.CS, level.name());
        return d;
    }
}
