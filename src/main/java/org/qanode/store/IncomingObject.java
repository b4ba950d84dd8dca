package org.qanode.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HexFormat;
import org.qanode.dicom.Dataset;
import org.qanode.net.dimse.DimseException;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.FileStorageTarget;
import org.qanode.net.dimse.StoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One C-STORE on its way into a state: bytes go durably to a staging file (FileStorageTarget:
 * temp file, fsync, rename), then {@link #commit} reads the header and files the object
 * ({@link Filing}) before answering.
 *
 * <p>Statuses (PS3.4 B.2.3): Success (0000) once the object is on disk and indexed, or when
 * identical content is already held. Warning B007 (Data Set does not match SOP Class) when the
 * data set cannot be parsed: the object is still kept and indexed with its parse error,
 * because a QA node must not lose what the ROIS sent, and the SCU's log shows the warning.
 * Refused A700 (Out of Resources) for any file system or database failure, with the staging
 * file deleted and no index row. Error A900 (Data Set does not match SOP Class) when a UID of the
 * data set is not a UID or a value is too long for the index ({@link IndexFields}): nothing kept.
 */
final class IncomingObject extends FileStorageTarget {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingObject.class);

    private final StateStore store;
    private final String state;
    private final StoreContext context;
    private long written;

    IncomingObject(StateStore store, String state, StoreContext context, Path staging, Dataset fileMeta)
            throws IOException {
        super(staging, fileMeta);
        this.store = store;
        this.state = state;
        this.context = context;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        store.faults().beforeWrite(written, len);
        super.write(b, off, len);
        written += len;
    }

    @Override
    public int commit() throws DimseException {
        super.commit();
        Path staged = destination();
        String uid = context.sopInstanceUid();
        try {
            store.faults().beforeFiling();
            HeaderReader.Header header = HeaderReader.read(staged, context.sopClassUid());
            if (header.invalid() != null) {
                // Issue 11: never index a cut or invalid value; the SCU hears why (PS3.4 B.2.3, A900).
                deleteQuietly(staged);
                LOG.warn("{}/{} from {}: refused: {}", state, uid, peer(), header.invalid());
                throw new DimseException(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, header.invalid());
            }
            InstanceRecord draft = new InstanceRecord(0, state, uid, 0, true, header.fields(),
                    context.transferSyntaxUid(), datasetBytes(), HexFormat.of().formatHex(datasetDigest()),
                    IndexDao.now(), context.callingAeTitle(), null, header.parseError(), Integrity.OK);
            Filing.Outcome outcome = store.filing().file(staged, draft);
            log(outcome, header);
            if (header.datasetSopInstanceUid() != null && !header.datasetSopInstanceUid().equals(uid)) {
                // The object is stored by now; failing to note the mismatch must not turn that into A700.
                try {
                    store.recordEvent(state, uid, StoreEvent.Kind.UID_MISMATCH,
                            "data set SOP Instance UID " + header.datasetSopInstanceUid() + " differs from the command's");
                } catch (StoreException e) {
                    LOG.warn("{}/{}: cannot record UID mismatch: {}", state, uid, e.getMessage());
                }
            }
            return header.parseError() == null ? DimseStatus.SUCCESS : DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING;
        } catch (IOException | SQLException | RuntimeException e) {
            deleteQuietly(staged);
            LOG.error("{}/{} from {}: not stored: {}", state, uid, peer(), e.toString());
            throw new DimseException(DimseStatus.OUT_OF_RESOURCES, "cannot store " + uid + " in state " + state + ": " + e, e);
        }
    }

    private void log(Filing.Outcome outcome, HeaderReader.Header header) {
        InstanceRecord r = outcome.record();
        String what = switch (outcome.kind()) {
            case STORED -> "stored";
            case DUPLICATE -> "duplicate of version " + r.version() + ", not copied";
            case REPLACED -> "stored as version " + r.version() + " (different content replaced)";
        };
        if (header.parseError() != null) {
            LOG.warn("{}/{} from {}: {} UNREADABLE ({} bytes): {}", state, r.sopInstanceUid(), peer(), what,
                    datasetBytes(), header.parseError());
        } else {
            LOG.info("{}/{} from {}: {} {} patient {} ({} bytes)", state, r.sopInstanceUid(), peer(), what,
                    r.modality(), r.patientId(), datasetBytes());
        }
    }

    private String peer() {
        return context.callingAeTitle() + "@" + context.remoteHost() + ":" + context.remotePort();
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover in .incoming is reported by verify as STALE_TEMP
        }
    }
}
