package org.qanode.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import org.qanode.dicom.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One object on its way into a state: bytes go to a {@code .part} file in the state's
 * {@code .incoming/} ({@link DurableFile}), then {@link #commit} fsyncs it, reads the header and
 * hands it to the {@link CommitPipeline}, which moves it into place and indexes it, before it
 * returns. Called from one thread, in order: {@code write}* then
 * {@code commit} or {@code abort}.
 *
 * <p>An object whose data set cannot be parsed is still kept and indexed with its parse error,
 * because a QA node must not lose what the ROIS sent; {@link Stored#parseError()} says so. Any
 * file system or database failure is a {@link StoreException} with the staging file deleted and
 * no index row; {@code INVALID_DATASET} when a UID of the data set is not a UID or a value is
 * too long for the index ({@link IndexFields}): nothing kept.
 */
public final class IncomingObject {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingObject.class);
    /**
     * Cloned for each object: {@code MessageDigest.getInstance} looks the algorithm up through
     * the provider framework (reflection) each time, which showed in the per-object profile of
     * issue 16; the JDK's SHA-256 supports {@code clone}.
     */
    private static final MessageDigest SHA256_PROTOTYPE = sha256Prototype();

    /** What {@link #commit} did: filed as new, as a duplicate of identical content, or as a new version. */
    public record Stored(FilingKind kind, InstanceRecord record, String parseError) {
    }

    private final StateStore store;
    private final String state;
    private final Arrival arrival;
    private final DurableFile file;
    /** Of the data set bytes, for the index (duplicates, new versions, verify). */
    private final MessageDigest sha256;
    private long spaceCheckedAt;

    /** {@code spare}: a staging file made ahead in {@code staging}'s folder, or null to create one. */
    IncomingObject(StateStore store, String state, Arrival arrival, Path staging, Dataset fileMeta,
            DurableFile.Staged spare) throws IOException {
        this.store = store;
        this.state = state;
        this.arrival = arrival;
        this.file = new DurableFile(staging, fileMeta, (int) CommitJournal.INLINE_MAX, spare, store.directWrites());
        try {
            this.sha256 = (MessageDigest) SHA256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            file.abort();
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private static MessageDigest sha256Prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The next bytes of the data set, {@code data}'s remaining ones ({@link DurableFile#write}). */
    public void write(ByteBuffer data) throws IOException {
        long written = file.datasetBytes();
        store.faults().beforeWrite(written, data.remaining());
        if (written - spaceCheckedAt >= FreeSpace.CHECK_EVERY) {
            // A large object must not take the volume below the watermark either: the index
            // needs that room to commit, this object's and everyone else's.
            spaceCheckedAt = written;
            String shortfall = store.freeSpace().shortfall();
            if (shortfall != null) {
                throw new IOException(shortfall);
            }
        }
        // the digest first: the file's write moves data's position to its limit
        int start = data.position();
        sha256.update(data);
        data.position(start);
        file.write(data);
    }

    /**
     * Makes the object durable and indexed; only then does it return. An object the journal
     * holds whole (up to {@link CommitJournal#INLINE_MAX} bytes, nearly every plan and record)
     * is only written out here; a larger one is fsynced by this thread. The journal fsync, the
     * move into place and the index row happen in the store's {@link CommitPipeline}, shared
     * with whatever other objects are committing.
     */
    public Stored commit() {
        String uid = arrival.sopInstanceUid();
        ByteBuffer held;
        try {
            file.flush();
            // up to INLINE_MAX bytes the file is held whole: the journal holds it, and the header
            // is read from memory; a larger one the journal names, so it is fsynced here
            held = file.heldFile();
            if (held == null) {
                file.force();
            }
        } catch (IOException e) {
            file.abort();
            LOG.error("{}/{} from {}: not stored: {}", state, uid, arrival.peer(), e.toString());
            throw new StoreException("cannot store " + uid + " in state " + state + ": " + e, e);
        }
        Path staged = file.temp();
        boolean filed = false;
        try {
            store.faults().beforeFiling();
            HeaderReader.Header header = HeaderReader.read(staged, held, arrival.sopClassUid());
            if (header.invalid() != null) {
                // never index a cut or invalid value; the SCU hears why (A900, PS3.4 B.2.3)
                LOG.warn("{}/{} from {}: refused: {}", state, uid, arrival.peer(), header.invalid());
                throw new StoreException(StoreException.Reason.INVALID_DATASET, header.invalid(), null);
            }
            InstanceRecord draft = new InstanceRecord(0, state, uid, 0, true, header.fields(),
                    arrival.transferSyntaxUid(), file.datasetBytes(), HexFormat.of().formatHex(sha256.digest()),
                    IndexDao.now(), arrival.sender(), null, header.parseError(), Integrity.OK);
            String mismatch = header.datasetSopInstanceUid() != null && !header.datasetSopInstanceUid().equals(uid)
                    ? "data set SOP Instance UID " + header.datasetSopInstanceUid() + " differs from the command's"
                    : null;
            Filing.Outcome outcome = store.commits().file(staged, held, draft, mismatch);
            filed = true;
            log(outcome, header);
            return new Stored(outcome.kind(), outcome.record(), header.parseError());
        } catch (StoreException e) {
            if (e.reason() != StoreException.Reason.INVALID_DATASET) {
                LOG.error("{}/{} from {}: not stored: {}", state, uid, arrival.peer(), e.toString());
            }
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.error("{}/{} from {}: not stored: {}", state, uid, arrival.peer(), e.toString());
            throw new StoreException("cannot store " + uid + " in state " + state + ": " + e, e);
        } finally {
            if (filed) {
                // moved into place, or deleted as a duplicate, by the commit pipeline: what is
                // left is the channel and its lock (deleting the name again cost a failing lookup)
                file.closeFiled();
            } else {
                // failed: the .part goes (a group that failed moved its files back), its lock with it
                file.release();
            }
        }
    }

    /** The object will not complete (association aborted, write failed): leaves nothing behind. */
    public void abort() {
        file.abort();
    }

    public String state() {
        return state;
    }

    /** Data set bytes received so far. */
    public long datasetBytes() {
        return file.datasetBytes();
    }

    /** Bytes that went to the file around the page cache. */
    long directBytes() {
        return file.directBytes();
    }

    private void log(Filing.Outcome outcome, HeaderReader.Header header) {
        InstanceRecord r = outcome.record();
        String what = switch (outcome.kind()) {
            case STORED -> "stored";
            case DUPLICATE -> "duplicate of version " + r.version() + ", not copied";
            case REPLACED -> "stored as version " + r.version() + " (different content replaced)";
            case REPAIRED -> "REPAIRED: stored copy of version " + r.version() + " was " + outcome.damage()
                    + ", written again from this transfer";
        };
        if (header.parseError() != null) {
            LOG.warn("{}/{} from {}: {} UNREADABLE ({} bytes): {}", state, r.sopInstanceUid(), arrival.peer(), what,
                    file.datasetBytes(), header.parseError());
        } else {
            // the network layer logs one INFO line per received object; a plainly stored one adds
            // its state and patient at DEBUG, a filing operators should notice stays visible
            Level level = switch (outcome.kind()) {
                case STORED -> Level.DEBUG;
                case REPAIRED -> Level.WARN;
                case DUPLICATE, REPLACED -> Level.INFO;
            };
            LOG.atLevel(level).log("{}/{} from {}: {} {} patient {} ({} bytes)", state, r.sopInstanceUid(),
                    arrival.peer(), what, r.modality(), r.patientId(), file.datasetBytes());
        }
    }

}
