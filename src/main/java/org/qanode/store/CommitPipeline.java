package org.qanode.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 * The store's commit pipeline: every object whose bytes are durable in a staging file is filed
 * and indexed here, by one thread, in <b>groups</b> (group commit). Objects handed in while a
 * group is being committed wait together and form the next group, so a busy node pays one
 * transaction, one fsync per directory and one forced index write for many objects, and an idle
 * node commits each object at once (a group of one: no timer, no added latency).
 *
 * <p><b>Ordering rules</b> (docs/store.md, "Commit pipeline"). For each object:
 * <ol>
 * <li>its data file is written and fsynced by its association's own thread <em>before</em> it is
 * handed in ({@link IncomingObject#commit}); file fsyncs of different objects run in parallel and
 * may complete in any order;
 * <li>objects are filed in the order they were handed in (FIFO), one group at a time; within a
 * group each object is moved to its final name and its row written in that order, so two
 * versions of one SOP Instance UID in one group get consecutive version numbers in arrival order;
 * <li>every directory a group renamed into is fsynced once, after all of the group's moves and
 * <em>before</em> the group's transaction commits (a crash in between leaves unindexed files,
 * never a row without its file);
 * <li>the transaction commits, then the index is forced to stable storage once for the group
 * ({@link IndexDatabase#forceCommitted}: embedded H2 does not fsync its commits by itself);
 * <li>only then is any waiter of the group released: each C-STORE's response waits for its own
 * group, never for a later one, and never goes out before its group is durable.
 * </ol>
 * What fails fails the whole group, and every object of it gets a {@link StoreException}
 * (A700 on the wire), never Success: a failed directory fsync or commit rolls the transaction
 * back and removes the files the group moved into place; a failed force after the commit leaves
 * files and rows (both consistent, possibly not durable) and the SCU, told A700, sends again and
 * is answered as a duplicate. Groups are capped at {@link #MAX_GROUP} objects.
 */
final class CommitPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommitPipeline.class);
    /** Bounds the transaction size; far above what a few dozen associations have in flight. */
    static final int MAX_GROUP = 256;
    private static final long CLOSE_WAIT_SECONDS = 30;

    /** One object waiting to be filed. */
    private record Request(Path staged, InstanceRecord draft, String uidMismatch,
            CompletableFuture<Filing.Outcome> result) {
    }

    private static final Request STOP = new Request(null, null, null, null);

    private final Filing filing;
    private final Runnable onFailure;
    private final IndexDatabase db;
    private final Supplier<StoreFaults> faults;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Object submitLock = new Object();
    private final Thread committer;
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong objects = new AtomicLong();
    private boolean closed;

    /**
     * {@code onFailure} runs after any failed group: the store forgets which states it knows to
     * exist, so a state deleted while objects for it were in flight gets its row again (a row
     * of an object whose state is gone fails the group on its foreign key).
     */
    CommitPipeline(Filing filing, IndexDatabase db, Supplier<StoreFaults> faults, Runnable onFailure) {
        this.onFailure = onFailure;
        this.filing = filing;
        this.db = db;
        this.faults = faults;
        this.committer = Threads.daemonThread("store-commit", this::run);
        this.committer.start();
    }

    /**
     * Files {@code staged} as {@code draft} and returns once the group holding it is durable
     * (file, directory entry, index row). Blocks the calling (association storage) thread.
     *
     * @throws StoreException UNAVAILABLE when the pipeline is closed
     */
    Filing.Outcome file(Path staged, InstanceRecord draft, String uidMismatch) throws IOException, SQLException {
        Request r = new Request(staged, draft, uidMismatch, new CompletableFuture<>());
        synchronized (submitLock) {
            if (closed) {
                throw new StoreException("the store is closed", null);
            }
            queue.add(r);
        }
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

    private void run() {
        List<Request> group = new ArrayList<>();
        while (true) {
            group.clear();
            Request first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == STOP) {
                return;
            }
            group.add(first);
            queue.drainTo(group, MAX_GROUP - 1);
            boolean stop = group.remove(STOP); // nothing follows STOP: submit refuses once closed
            commit(group);
            if (stop) {
                return;
            }
        }
    }

    /** One group: file all, fsync their directories, commit, force; then release the waiters. */
    private void commit(List<Request> group) {
        commit(group, true);
    }

    private void retryOnFreshConnection(List<Request> group) {
        commit(group, false);
    }

    private void commit(List<Request> group, boolean mayRetry) {
        List<Filing.Outcome> outcomes = new ArrayList<>(group.size());
        Filing.Batch batch = null;
        boolean committed = false;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            batch = new Filing.Batch(c);
            try {
                for (int i = 0; i < group.size(); i++) {
                    Request r = group.get(i);
                    try {
                        outcomes.add(filing.file(batch, r.staged, r.draft, r.uidMismatch));
                    } catch (SQLException e) {
                        if (!mayRetry || i > 0 || batch.fileOperations > 0 || !ClosedDatabaseGuard.isClosed(e)) {
                            throw e;
                        }
                        // A pooled connection of an embedded H2 database that closed itself after
                        // a failed write (full disk): this first use made the pool reopen it
                        // (ClosedDatabaseGuard). Nothing moved yet: the group starts again on a
                        // fresh connection, once.
                        rollbackQuietly(c);
                        retryOnFreshConnection(group);
                        return;
                    }
                }
                StoreFaults f = faults.get();
                for (Path dir : batch.directories) {
                    f.beforeDirectorySync(dir);
                    Filing.fsyncDirectory(dir);
                }
                c.commit();
                committed = true;
            } catch (IOException | SQLException | RuntimeException e) {
                rollbackQuietly(c);
                batch.undoMoves();
                throw e;
            } finally {
                batch.close();
                restoreAutoCommit(c);
            }
            faults.get().beforeIndexSync();
            db.forceCommitted(c);
        } catch (IOException | SQLException | RuntimeException e) {
            fail(group, e, committed);
            return;
        } catch (Throwable t) {
            // an Error (out of memory): this group fails, the thread lives on for the next
            fail(group, new StoreException("commit failed: " + t, t), committed);
            return;
        }
        groups.incrementAndGet();
        objects.addAndGet(group.size());
        batch.replacedWarnings.forEach(LOG::warn);
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result.complete(outcomes.get(i));
        }
    }

    private void fail(List<Request> group, Exception e, boolean committed) {
        onFailure.run();
        LOG.error("commit of {} object(s) failed{}: {}", group.size(),
                committed ? " after the index commit (rows kept, not known durable)" : "", e.toString());
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
        }
        long n = objects.get();
        long g = groups.get();
        LOG.info("commit pipeline closed: {} objects committed in {} groups ({} per group)", n, g,
                g == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.2f", (double) n / g));
    }
}
