package org.qanode.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of storing an object whose bytes are already durable in a staging file: give
 * it its place and its index row, or recognise it as a duplicate, inside a {@link Batch} (one
 * transaction of a commit group, {@link CommitPipeline}). Nothing here commits: the pipeline
 * fsyncs the directories the batch names, then commits, then forces the index to disk.
 *
 * <p>Order matters for crashes. Each file is moved into place first and its directory fsynced
 * before the rows are committed, so a crash in between leaves an unindexed file (which
 * {@code verify} reports and {@code repair} indexes), never a row without its file; the SCU got
 * no Success and sends again. Only the pipeline's one thread calls this, so objects with the same
 * SOP Instance UID are filed one after the other (version numbering and the move of a shared file
 * name need it); the unique (state, UID, version) constraint backs that up in the database.
 */
final class Filing {
    private static final Logger LOG = LoggerFactory.getLogger(Filing.class);
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    /** {@code damage}: for REPAIRED, what was wrong with the stored copy ("missing" or "damaged"). */
    record Outcome(FilingKind kind, InstanceRecord record, String damage) {
        Outcome(FilingKind kind, InstanceRecord record) {
            this(kind, record, null);
        }
    }

    /**
     * One transaction's worth of filing: its connection (auto-commit off), the directories whose
     * entries changed (to fsync once each before the commit) and the files moved into place that
     * must go again if the transaction does not commit.
     */
    static final class Batch implements AutoCloseable {
        final Connection connection;
        /** The group's statements, prepared once for all its objects (issue 16). */
        final StatementCache statements;
        final Set<Path> directories = new LinkedHashSet<>();
        final List<Path> undo = new ArrayList<>();
        /** The journal sequence number of the object being filed: its rows and events carry it (migration 012). */
        Long seq;
        /** Every file moved into place (fsynced at the next checkpoint, {@link CommitPipeline}). */
        final List<Path> moved = new ArrayList<>();
        /** Files moved or deleted so far: a group that touched none may start again. */
        int fileOperations;
        /** Log lines of objects replaced by a new version, written once the group committed. */
        final List<String> replacedWarnings = new ArrayList<>();

        Batch(Connection connection) {
            this.connection = connection;
            this.statements = new StatementCache(connection);
        }

        /** Closes the group's statements (not the connection). */
        @Override
        public void close() {
            statements.close();
        }

        /** The transaction did not commit: removes the files it moved into place (best effort). */
        void undoMoves() {
            for (Path p : undo) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot remove {} after a failed commit: {} (verify reports it as unindexed)", p, e.toString());
                }
            }
        }
    }

    private final StoreLayout layout;

    Filing(StoreLayout layout) {
        this.layout = layout;
    }

    /**
     * Files {@code staged} as {@code draft} (id, version, current flag and file path are
     * assigned here) in {@code batch}'s transaction; {@code uidMismatch}, when not null, is
     * recorded as a {@link StoreEvent.Kind#UID_MISMATCH} event in the same transaction. On any
     * exception the caller rolls the batch back and undoes its moves.
     */
    Outcome file(Batch batch, Path staged, InstanceRecord draft, String uidMismatch) throws IOException, SQLException {
        StatementCache c = batch.statements;
        String state = draft.state();
        String uid = draft.sopInstanceUid();
        List<InstanceRecord> versions = IndexDao.versions(c, state, uid);
        InstanceRecord current = versions.stream().filter(InstanceRecord::current).findFirst().orElse(null);
        Outcome outcome;
        if (current != null && current.sha256().equals(draft.sha256())) {
            outcome = sameContent(batch, staged, current, draft);
        } else {
            outcome = newVersion(batch, staged, draft, versions, current);
        }
        if (uidMismatch != null) {
            IndexDao.insertEvent(c, state, uid, StoreEvent.Kind.UID_MISMATCH, uidMismatch, batch.seq);
        }
        return outcome;
    }

    private Outcome newVersion(Batch batch, Path staged, InstanceRecord draft, List<InstanceRecord> versions,
            InstanceRecord current) throws IOException, SQLException {
        StatementCache c = batch.statements;
        String state = draft.state();
        String uid = draft.sopInstanceUid();
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        String relative = layout.relativeFile(state, uid, draft.sha256());
        Path target = layout.resolve(relative);
        // Keep the file if the transaction fails when an older version with this very content
        // owns the name (A, B, A), or when repair is indexing a file already in its place.
        boolean keepOnFailure = staged.equals(target) || versions.stream().anyMatch(v -> v.filePath().equals(relative));
        if (!staged.equals(target)) {
            batch.fileOperations++;
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            batch.directories.add(target.getParent());
            batch.moved.add(target);
            if (!keepOnFailure) {
                batch.undo.add(target);
            }
        }
        InstanceRecord row = new InstanceRecord(0, state, uid, version, true, draft.fields(),
                draft.transferSyntaxUid(), draft.sizeBytes(), draft.sha256(), draft.receivedAt(),
                draft.callingAeTitle(), relative, draft.parseError(), draft.integrity());
        if (current != null) {
            IndexDao.setCurrent(c, current.id(), false);
            IndexDao.insertEvent(c, state, uid, StoreEvent.Kind.REPLACED, "version " + current.version()
                    + " (sha256 " + current.sha256() + ", " + current.receivedAt() + ") replaced by version "
                    + version + " (sha256 " + draft.sha256() + ") from " + draft.callingAeTitle(), batch.seq);
            batch.replacedWarnings.add(state + "/" + uid + ": different content under the same SOP Instance UID, version "
                    + current.version() + " kept, version " + version + " current");
        }
        IndexDao.insert(c, row, batch.seq);
        return new Outcome(current == null ? FilingKind.STORED : FilingKind.REPLACED, row);
    }

    /**
     * The content re-sent is the current version's. It is a duplicate only if the stored copy
     * still is that content: the index's digest alone says nothing about the file (deleted,
     * restored wrong, bit rot). A missing or damaged copy is replaced by the bytes just received,
     * which hash to the digest the index promises, and the row is marked intact again.
     */
    private Outcome sameContent(Batch batch, Path staged, InstanceRecord current, InstanceRecord draft)
            throws IOException, SQLException {
        Path held = layout.resolve(current.filePath());
        String damage = staged.equals(held) ? null : damage(held, current.sha256());
        if (damage == null) {
            if (!staged.equals(held)) {
                batch.fileOperations++;
                Files.deleteIfExists(staged);
            }
            if (current.integrity() == Integrity.OK) {
                return new Outcome(FilingKind.DUPLICATE, current);
            }
            // flagged by verify --repair, but the file is back (restored from a backup)
            markIntact(batch, current, StoreEvent.Kind.INTEGRITY_CHANGED, "version " + current.version()
                    + " " + current.integrity() + " -> OK: file intact when the object was sent again");
            return new Outcome(FilingKind.DUPLICATE, current.withIntegrity(Integrity.OK));
        }
        // If the group does not commit the file is still right (it holds the indexed content), so
        // it is not undone; the SCU gets A700, sends again and finds an intact duplicate.
        batch.fileOperations++;
        Files.move(staged, held, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        batch.directories.add(held.getParent());
        batch.moved.add(held);
        markIntact(batch, current, StoreEvent.Kind.REPAIRED, "version " + current.version() + ": stored copy "
                + damage + " (integrity was " + current.integrity() + "), written again from the object sent by "
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

    private static void markIntact(Batch batch, InstanceRecord r, StoreEvent.Kind kind, String detail)
            throws SQLException {
        if (r.integrity() != Integrity.OK) {
            IndexDao.setIntegrity(batch.statements, r.id(), Integrity.OK);
        }
        IndexDao.insertEvent(batch.statements, r.state(), r.sopInstanceUid(), kind, detail, batch.seq);
    }

    /**
     * A rename is durable only once its directory entry is (POSIX: fsync of the directory). A
     * failure is an error: the SCU must not hear Success for an entry that may not survive.
     * Windows cannot open a directory as a channel; its rename is durable on its own.
     */
    static void fsyncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (UnsupportedOperationException e) {
            // a file system provider without directory channels (not the default one)
        }
    }
}
