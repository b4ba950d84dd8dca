package org.qanode.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.qanode.util.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's commit pipeline: every object whose bytes are complete in a staging file is
 * journaled, filed and indexed here, by one thread, in <b>groups</b> (group commit). Objects
 * handed in while a group is being committed wait together and form the next group, so a busy
 * node pays one journal fsync for many objects, and an idle node commits each object at once (a
 * group of one: no timer, no added latency).
 *
 * <p><b>Ordering rules</b> (docs/store.md, "Commit pipeline" and "Commit journal"). For each object:
 * <ol>
 * <li>its bytes are written to its staging file by its association's own thread before it is
 * handed in ({@link IncomingObject#commit}); an object too large to be written into the journal
 * ({@link CommitJournal#INLINE_MAX}) is also fsynced there, and the pipeline fsyncs its staging
 * directory before the journal names it;
 * <li>objects are journaled and filed in the order they were handed in (FIFO), one group at a
 * time; within a group each object is moved to its final name and its row written in that order,
 * so two versions of one SOP Instance UID in one group get consecutive version numbers in arrival
 * order;
 * <li>the group's records are fsynced in the {@link CommitJournal} once, <em>before</em> its
 * transaction commits (so no row is visible that a crash could take back without the journal
 * restoring it);
 * <li>the transaction commits; each row and event in it carries its object's journal sequence
 * number, which is how a replay knows how far the index got;
 * <li>only then is any waiter of the group released: each C-STORE's response waits for its own
 * group's journal fsync, never for a later group, and never goes out before it.
 * </ol>
 * The moved files, their directories and the index are made durable together at a
 * <b>checkpoint</b> (every {@value #CHECKPOINT_OBJECTS} objects, at {@value #CHECKPOINT_BYTES}
 * bytes of journal, when no object arrived for {@value #CHECKPOINT_IDLE_MS} ms, and on close),
 * which then empties the journal; {@link JournalReplay} redoes the journal's records after a crash.
 * What fails before the journal fsync fails the whole group, and every object of it gets a
 * {@link StoreException} (A700 on the wire), never Success: the transaction rolls back and the
 * files the group moved are removed; a failed commit after the fsync also appends an abort record
 * for the group, so replay does not file what was answered A700. A failed checkpoint refuses every
 * new group (A700) until a checkpoint succeeds. Groups are capped at {@link #MAX_GROUP} objects.
 *
 * <p>The transaction's commit does not write the index file: embedded H2 writes committed rows in
 * the background ({@link IndexDatabase#WRITE_DELAY_MS}), the journal standing for them until the
 * checkpoint syncs the index. If H2 closes the database meanwhile (a failed write), rows it had
 * not written are gone from the reopened one: the next group or checkpoint files them again from
 * the journal first ({@link #connectionAfterRecovery}).
 */
final class CommitPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommitPipeline.class);
    /** Bounds the transaction size; far above what a few dozen associations have in flight. */
    static final int MAX_GROUP = 256;
    /** Checkpoint after this many objects journaled... */
    static final int CHECKPOINT_OBJECTS = 1024;
    /** ...or this many bytes of journal... */
    static final long CHECKPOINT_BYTES = 64L << 20;
    /** ...or when no object arrived for this long. */
    static final long CHECKPOINT_IDLE_MS = 250;
    private static final long CLOSE_WAIT_SECONDS = 30;

    /**
     * One object waiting to be filed; with {@code held} (its whole file, not fsynced yet) its
     * bytes go into the journal, without it the journal names its fsynced file. A request
     * without {@code staged} asks for a checkpoint ({@link #checkpointNow}).
     */
    private record Request(Path staged, InstanceRecord draft, String uidMismatch, ByteBuffer held,
            CompletableFuture<Filing.Outcome> result) {
        boolean isCheckpoint() {
            return staged == null && result != null;
        }

        boolean inline() {
            return held != null;
        }
    }

    private static final Request STOP = new Request(null, null, null, null, null);

    private final Filing filing;
    private final StoreLayout layout;
    private final CommitJournal journal;
    private final Runnable onFailure;
    private final IndexDatabase db;
    private final Supplier<StoreFaults> faults;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Object submitLock = new Object();
    private final Thread committer;
    /** The checkpoint's file fsyncs, issued together. */
    private final FileSyncer syncer = new FileSyncer();
    /** Files moved since the last early fsync ({@link #EARLY_FSYNC}; committer thread only). */
    private List<Path> early = new ArrayList<>();
    /**
     * Every this many files moved, their fsyncs start in the background, so that the checkpoint,
     * which the committer waits for, finds most files clean (issue 16).
     */
    static final int EARLY_FSYNC = 256;
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong checkpoints = new AtomicLong();
    private boolean closed;
    /** The next journal sequence number (committer thread only). */
    private long nextSeq;
    /** {@link IndexDatabase#reopens} when the index last had every journaled row. */
    private long knownReopens;
    /** Files and directories changed since the last checkpoint, to fsync at the next (committer thread only). */
    private final Set<Path> unsyncedFiles = new LinkedHashSet<>();
    private final Set<Path> unsyncedDirectories = new LinkedHashSet<>();
    private int uncheckpointed;
    /** Why the last checkpoint failed; while set, groups are refused. */
    private volatile Exception checkpointFailure;

    /**
     * {@code onFailure} runs after any failed group: the store forgets which states it knows to
     * exist, so a state deleted while objects for it were in flight gets its row again (a row
     * of an object whose state is gone fails the group on its foreign key). {@code nextSeq} is
     * the first journal sequence number to use (above everything the journal or index has seen).
     */
    CommitPipeline(Filing filing, StoreLayout layout, CommitJournal journal, long nextSeq, IndexDatabase db,
            Supplier<StoreFaults> faults, Runnable onFailure) {
        this.onFailure = onFailure;
        this.filing = filing;
        this.layout = layout;
        this.journal = journal;
        this.nextSeq = nextSeq;
        this.db = db;
        this.knownReopens = db.reopens();
        this.faults = faults;
        this.committer = Threads.daemonThread("store-commit", this::run);
        this.committer.start();
    }

    /**
     * Files {@code staged} as {@code draft} and returns once the group holding it is durable (in
     * the journal) and indexed. {@code held}: the staging file's whole content, which the journal
     * then holds (at most {@link CommitJournal#INLINE_MAX} bytes); null for a file the caller
     * fsynced, which the journal names instead. Blocks the calling (association storage) thread.
     *
     * @throws StoreException UNAVAILABLE when the pipeline is closed
     */
    Filing.Outcome file(Path staged, ByteBuffer held, InstanceRecord draft, String uidMismatch)
            throws IOException, SQLException {
        Request r = submit(new Request(staged, draft, uidMismatch, held, new CompletableFuture<>()));
        try {
            return r.result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException("commit failed: " + cause, cause);
        }
    }

    /** Queues {@code r} for the committer, unless the pipeline is closed (A700 then, no waiting). */
    private Request submit(Request r) {
        synchronized (submitLock) {
            if (closed) {
                throw new StoreException("the store is closed", null);
            }
            queue.add(r);
        }
        return r;
    }

    /** Objects handed in and not yet taken into a group (for tests). */
    int pending() {
        return queue.size();
    }

    /** Groups committed so far (for tests and metrics). */
    long groups() {
        return groups.get();
    }

    /** Objects filed so far, in all groups. */
    long objects() {
        return objects.get();
    }

    /** Why the last checkpoint failed, or null when it succeeded (new groups are refused meanwhile). */
    Exception checkpointFailure() {
        return checkpointFailure;
    }

    /** Checkpoints so far (for tests). */
    long checkpoints() {
        return checkpoints.get();
    }

    private void run() {
        List<Request> group = new ArrayList<>();
        while (true) {
            group.clear();
            Request first;
            try {
                first = queue.poll(CHECKPOINT_IDLE_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (uncheckpointed > 0) {
                        checkpoint(); // idle: make what the journal holds durable in place
                    }
                    first = queue.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first != STOP) {
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
            }
            boolean stop = first == STOP || group.remove(STOP); // nothing follows STOP: submit refuses once closed
            commitInOrder(group);
            if (stop) {
                if (uncheckpointed > 0) {
                    checkpoint();
                }
                return;
            }
        }
    }

    /** The group, split where a checkpoint was asked for: what came before it is committed first. */
    private void commitInOrder(List<Request> drained) {
        List<Request> group = new ArrayList<>(drained.size());
        for (Request r : drained) {
            if (!r.isCheckpoint()) {
                group.add(r);
                continue;
            }
            if (!group.isEmpty()) {
                commit(group);
                group = new ArrayList<>();
            }
            checkpoint();
            Exception why = checkpointFailure;
            if (why == null) {
                r.result.complete(null);
            } else {
                r.result.completeExceptionally(new StoreException("store checkpoint failed: " + why, why));
            }
        }
        if (!group.isEmpty()) {
            commit(group);
        }
    }

    /**
     * Makes everything committed so far durable in place and empties the journal, in turn with
     * the groups (everything handed in before is committed first); returns when done. Deleting a
     * state needs it: its rows, and the journal sequence numbers they carry, are about to go, and
     * a replay must not find the state's objects in the journal afterwards.
     *
     * @throws StoreException when the checkpoint fails or the pipeline is closed
     */
    void checkpointNow() {
        Request r = submit(new Request(null, null, null, null, new CompletableFuture<>()));
        try {
            r.result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoreException se ? se : new StoreException("checkpoint: " + e.getCause(), e);
        }
    }

    /** One group: journal, file, fsync the journal, commit; then release the waiters. */
    private void commit(List<Request> group) {
        if (checkpointFailure != null) {
            checkpoint(); // try again: the disk may be back
            Exception why = checkpointFailure;
            if (why != null) {
                fail(group, new StoreException("earlier objects cannot be made durable in place: " + why, why));
                return;
            }
        }
        commit(group, true);
    }

    private void retryOnFreshConnection(List<Request> group) {
        commit(group, false);
    }

    private void commit(List<Request> group, boolean mayRetry) {
        List<Filing.Outcome> outcomes = new ArrayList<>(group.size());
        Filing.Batch batch = null;
        long firstSeq = nextSeq;
        long lastSeq = firstSeq + group.size() - 1;
        nextSeq = lastSeq + 1; // never reused, even by a group that fails
        try (Connection c = connectionAfterRecovery()) {
            c.setAutoCommit(false);
            batch = new Filing.Batch(c);
            long mark = journal.mark();
            boolean journaled = false;
            try {
                StoreFaults f = faults.get();
                // a staging file the journal names instead of holding: its name must survive first
                Set<Path> stagingDirs = new LinkedHashSet<>();
                for (Request r : group) {
                    if (!r.inline()) {
                        stagingDirs.add(r.staged.getParent());
                    }
                }
                for (Path dir : stagingDirs) {
                    f.beforeDirectorySync(dir);
                    Filing.fsyncDirectory(dir);
                }
                for (int i = 0; i < group.size(); i++) {
                    Request r = group.get(i);
                    journal.appendFile(firstSeq + i, layout.relativize(r.staged), r.draft, r.uidMismatch, r.held);
                }
                for (int i = 0; i < group.size(); i++) {
                    Request r = group.get(i);
                    try {
                        batch.seq = firstSeq + i;
                        outcomes.add(filing.file(batch, r.staged, r.draft, r.uidMismatch));
                    } catch (SQLException e) {
                        if (!mayRetry || i > 0 || batch.fileOperations > 0 || !ClosedDatabaseGuard.isClosed(e)) {
                            throw e;
                        }
                        // A pooled connection of an embedded H2 database that closed itself after
                        // a failed write (full disk): the pool reopens it. Nothing moved yet: the
                        // group starts again on a fresh connection, once.
                        db.noticeFailure(e);
                        rollbackQuietly(c);
                        journal.rewind(mark);
                        nextSeq = firstSeq;
                        retryOnFreshConnection(group);
                        return;
                    }
                }
                f.beforeJournalSync();
                journal.force();
                journaled = true;
                f.beforeCommit();
                c.commit();
            } catch (IOException | SQLException | RuntimeException e) {
                rollbackQuietly(c);
                batch.undoMoves();
                voidRecords(journaled, mark, firstSeq, lastSeq);
                throw e;
            } finally {
                batch.close();
                restoreAutoCommit(c);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            db.noticeFailure(e);
            fail(group, e);
            return;
        } catch (Throwable t) {
            // an Error (out of memory): this group fails, the thread lives on for the next
            fail(group, new StoreException("commit failed: " + t, t));
            return;
        }
        groups.incrementAndGet();
        objects.addAndGet(group.size());
        batch.replacedWarnings.forEach(LOG::warn);
        unsyncedFiles.addAll(batch.moved);
        early.addAll(batch.moved);
        if (early.size() >= EARLY_FSYNC) {
            syncer.startFsync(early);
            early = new ArrayList<>();
        }
        unsyncedDirectories.addAll(batch.directories);
        uncheckpointed += group.size();
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result.complete(outcomes.get(i));
        }
        if (uncheckpointed >= CHECKPOINT_OBJECTS || journal.size() >= CHECKPOINT_BYTES) {
            checkpoint();
        }
    }

    /**
     * A group that did not commit: records not yet fsynced are dropped; fsynced ones get an abort
     * record (fsynced too), so that a replay does not file objects answered A700.
     */
    private void voidRecords(boolean journaled, long mark, long firstSeq, long lastSeq) {
        try {
            if (journaled) {
                journal.appendAbort(firstSeq, lastSeq);
                journal.force();
            } else {
                journal.rewind(mark);
            }
        } catch (IOException | RuntimeException e) {
            // a replay may file them: objects answered A700 then stored, which a resend makes a duplicate
            LOG.warn("journal: cannot void records {}-{} of a failed group: {}", firstSeq, lastSeq, e.toString());
        }
    }

    /**
     * Makes durable in place what the journal holds (the files moved since the last checkpoint,
     * fsynced together by the {@link FileSyncer}, their directories, the index), then empties the
     * journal (a new cycle, {@link CommitJournal#reset}). The committer waits for it: groups
     * answered meanwhile would have records in the cycle it ends. On failure the journal keeps its
     * records and new groups are refused until a checkpoint succeeds.
     */
    private void checkpoint() {
        try {
            StoreFaults f = faults.get();
            f.beforeCheckpoint();
            syncer.fsyncAll(unsyncedFiles);
            for (Path dir : unsyncedDirectories) {
                f.beforeDirectorySync(dir);
                if (Files.isDirectory(dir)) { // a deleted state's folder is gone, and so are its rows
                    Filing.fsyncDirectory(dir);
                }
            }
            try (Connection c = connectionAfterRecovery()) { // the journal is emptied below: nothing may be missing
                f.beforeIndexSync();
                db.forceCommitted(c);
            }
            journal.reset(nextSeq);
            unsyncedFiles.clear();
            early.clear();
            unsyncedDirectories.clear();
            uncheckpointed = 0;
            checkpoints.incrementAndGet();
            if (checkpointFailure != null) {
                LOG.info("store checkpoint succeeded again; objects are accepted");
                checkpointFailure = null;
            }
        } catch (IOException | SQLException | RuntimeException e) {
            db.noticeFailure(e);
            if (checkpointFailure == null) {
                LOG.error("store checkpoint failed (objects already answered are safe in the journal {}); "
                        + "new objects are refused until it succeeds: {}", journal.file(), e.toString());
            }
            checkpointFailure = e;
        }
    }

    /**
     * H2 closed the database since the index last had every journaled row (a background write
     * failed: full disk), and the pool reopened it: committed rows H2 had not yet written are gone.
     * The journal still holds their objects (it is emptied only after a checkpoint synced the
     * index), so they are filed again, as at start-up, before anything else. The count is read
     * after taking the connection: the pool counts a reopen before it can hand out a connection to
     * the reopened database ({@link IndexDatabase#reopens}), so a group never commits on it
     * unseen, which would put its rows above the lost ones and hide them from the replay. The
     * connection is given back before the replay takes its own.
     */
    private Connection connectionAfterRecovery() throws IOException, SQLException {
        while (true) {
            // not watched by ClosedDatabaseGuard: every failure on it ends in db.noticeFailure
            Connection c = db.unwatchedConnection();
            long reopens = db.reopens();
            if (reopens == knownReopens) {
                return c;
            }
            c.close();
            JournalReplay.Result r = JournalReplay.replay(layout, db, filing);
            knownReopens = reopens;
            LOG.warn("index reopened after H2 closed it: {} journaled object(s) filed again, {} file(s) restored, "
                    + "{} lost", r.refiled(), r.restored(), r.lost());
        }
    }

    private void fail(List<Request> group, Exception e) {
        onFailure.run();
        LOG.error("commit of {} object(s) failed: {}", group.size(), e.toString());
        for (Request r : group) {
            r.result.completeExceptionally(e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken anyway; closing it discards the transaction
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a broken connection; the pool discards it
        }
    }

    /**
     * Files everything handed in so far, then stops; later calls of {@link #file} fail.
     * Waits for the committer at most {@value #CLOSE_WAIT_SECONDS} s (it is never interrupted:
     * an interrupted H2 file channel closes the database).
     */
    @Override
    public void close() {
        synchronized (submitLock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            committer.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (committer.isAlive()) {
            LOG.warn("store commit thread still busy after {} s; closing the index under it", CLOSE_WAIT_SECONDS);
        } else {
            syncer.close();
        }
        long n = objects.get();
        long g = groups.get();
        LOG.info("commit pipeline closed: {} objects committed in {} groups ({} per group)", n, g,
                g == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.2f", (double) n / g));
    }
}
