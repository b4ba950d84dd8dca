package org.qanode.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of storing an object whose bytes are already durable in a staging file: give
 * it its place and its index row, or recognise it as a duplicate.
 *
 * <p>Order matters for crashes. The file is moved into place first and the row committed
 * after, so a crash in between leaves an unindexed file (which {@code verify} reports and
 * {@code repair} indexes), never a row without its file; the SCU got no Success and sends
 * again. Objects with the same SOP Instance UID in the same state are filed one at a time
 * (striped in-process locks): version numbering and the move of a shared file name need it,
 * and the unique (state, UID, version) constraint backs that up in the database.
 */
final class Filing {
    private static final Logger LOG = LoggerFactory.getLogger(Filing.class);


    /** {@code damage}: for REPAIRED, what was wrong with the stored copy ("missing" or "damaged"). */
    record Outcome(FilingKind kind, InstanceRecord record, String damage) {
        Outcome(FilingKind kind, InstanceRecord record) {
            this(kind, record, null);
        }
    }

    private final StoreLayout layout;
    private final IndexDatabase db;
    private final ReentrantLock[] locks = new ReentrantLock[64];

    Filing(StoreLayout layout, IndexDatabase db) {
        this.layout = layout;
        this.db = db;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Files {@code staged} as {@code draft} (id, version, current flag and file path are
     * assigned here). On any exception the staged file is gone or still at its staging place
     * for the caller to delete, and no row was committed.
     */
    Outcome file(Path staged, InstanceRecord draft) throws IOException, SQLException {
        String state = draft.state();
        String uid = draft.sopInstanceUid();
        ReentrantLock lock = locks[Math.floorMod((state + '/' + uid).hashCode(), locks.length)];
        lock.lock();
        try (Connection c = db.connection()) {
            List<InstanceRecord> versions = IndexDao.versions(c, state, uid);
            InstanceRecord current = versions.stream().filter(InstanceRecord::current).findFirst().orElse(null);
            if (current != null && current.sha256().equals(draft.sha256())) {
                return sameContent(c, staged, current, draft);
            }
            int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
            String relative = layout.relativeFile(state, uid, draft.sha256());
            Path target = layout.resolve(relative);
            // Keep the file if the transaction fails when an older version with this very content
            // owns the name (A, B, A), or when repair is indexing a file already in its place.
            boolean keepOnFailure = staged.equals(target) || versions.stream().anyMatch(v -> v.filePath().equals(relative));
            if (!staged.equals(target)) {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                fsyncDirectory(target.getParent());
            }
            InstanceRecord row = new InstanceRecord(0, state, uid, version, true, draft.fields(),
                    draft.transferSyntaxUid(), draft.sizeBytes(), draft.sha256(), draft.receivedAt(),
                    draft.callingAeTitle(), relative, draft.parseError(), draft.integrity());
            try {
                c.setAutoCommit(false);
                if (current != null) {
                    IndexDao.setCurrent(c, current.id(), false);
                    IndexDao.insertEvent(c, state, uid, StoreEvent.Kind.REPLACED, "version " + current.version()
                            + " (sha256 " + current.sha256() + ", " + current.receivedAt() + ") replaced by version "
                            + version + " (sha256 " + draft.sha256() + ") from " + draft.callingAeTitle());
                }
                IndexDao.insert(c, row);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                if (!keepOnFailure) {
                    Files.deleteIfExists(target);
                }
                throw e;
            }
            if (current != null) {
                LOG.warn("{}/{}: different content under the same SOP Instance UID, version {} kept, version {} current",
                        state, uid, current.version(), version);
            }
            return new Outcome(current == null ? FilingKind.STORED : FilingKind.REPLACED, row);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The content re-sent is the current version's. It is a duplicate only if the stored copy
     * still is that content: the index's digest alone says nothing about the file (deleted,
     * restored wrong, bit rot). A missing or damaged copy is replaced by the bytes just received,
     * which hash to the digest the index promises, and the row is marked intact again.
     */
    private Outcome sameContent(Connection c, Path staged, InstanceRecord current, InstanceRecord draft)
            throws IOException, SQLException {
        Path held = layout.resolve(current.filePath());
        String damage = staged.equals(held) ? null : damage(held, current.sha256());
        if (damage == null) {
            if (!staged.equals(held)) {
                Files.deleteIfExists(staged);
            }
            if (current.integrity() == Integrity.OK) {
                return new Outcome(FilingKind.DUPLICATE, current);
            }
            // flagged by verify --repair, but the file is back (restored from a backup)
            markIntact(c, current, StoreEvent.Kind.INTEGRITY_CHANGED, "version " + current.version() + " "
                    + current.integrity() + " -> OK: file intact when the object was sent again");
            return new Outcome(FilingKind.DUPLICATE, current.withIntegrity(Integrity.OK));
        }
        Files.move(staged, held, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(held.getParent());
        // If this commit fails the file is still right (it holds the indexed content); the SCU
        // gets A700, sends again and finds an intact duplicate.
        markIntact(c, current, StoreEvent.Kind.REPAIRED, "version " + current.version() + ": stored copy " + damage
                + " (integrity was " + current.integrity() + "), written again from the object sent by "
                + draft.callingAeTitle());
        return new Outcome(FilingKind.REPAIRED, current.withIntegrity(Integrity.OK), damage);
    }

    /** "missing" or "damaged" (the data set bytes do not hash to {@code sha256}), or null when intact. */
    static String damage(Path file, String sha256) {
        if (!Files.isRegularFile(file)) {
            return "missing";
        }
        try {
            return Part10.digestDataset(file).sha256().equals(sha256) ? null : "damaged";
        } catch (IOException e) {
            return "damaged";
        }
    }

    private static void markIntact(Connection c, InstanceRecord r, StoreEvent.Kind kind, String detail)
            throws SQLException {
        try {
            c.setAutoCommit(false);
            if (r.integrity() != Integrity.OK) {
                IndexDao.setIntegrity(c, r.id(), Integrity.OK);
            }
            IndexDao.insertEvent(c, r.state(), r.sopInstanceUid(), kind, detail);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken anyway; closing it discards the transaction
        }
    }

    /** A rename is durable only once its directory entry is (POSIX); Windows cannot open a directory. */
    static void fsyncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // on Windows the rename is durable on its own
        }
    }
}
