package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.ingest.StateStoreSink;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.testing.RtObjects;

/**
 * The group commit of {@link CommitPipeline}: objects that arrive while a group commits share
 * the next one; nobody hears back before its own group is durable (its journal fsync); a failure
 * fails the whole group with A700 and leaves nothing; versions of one UID in one group keep
 * arrival order; a failed checkpoint refuses new objects until one succeeds. The first group is
 * held inside its commit (a fault hook waiting on a latch, just before its journal fsync) so that
 * what queues behind it is known exactly.
 */
class CommitPipelineTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    StateStore store;
    ExecutorService pool;
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean holdNext = new AtomicBoolean(true);
    final CountDownLatch held = new CountDownLatch(1);

    @BeforeEach
    void open() throws Exception {
        store = StateStore.open(dir.resolve("data"), StateStore.defaultIndexUrl(dir.resolve("data")));
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close() {
        release.countDown();
        pool.shutdownNow();
        store.close();
    }

    /** Holds the first group before its journal fsync, until {@link #release}; later groups meet {@code after}. */
    private void holdFirstGroup(StoreFaults after) {
        store.setFaults(new StoreFaults() {
            @Override
            public void beforeJournalSync() throws IOException {
                if (holdNext.getAndSet(false)) {
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                after.beforeJournalSync();
            }

            @Override
            public void beforeCommit() throws SQLException {
                after.beforeCommit();
            }

            @Override
            public void beforeCheckpoint() throws IOException {
                after.beforeCheckpoint();
            }
        });
    }

    private Future<Integer> send(Feed feed) {
        return pool.submit(() -> feed.sendTo(new StateStoreSink(store, ctx -> "pre"), "QA"));
    }

    private static Feed plan(int patient, String label) throws IOException {
        Dataset ds = RtObjects.vmatPlan(patient, 1, 1, 2, 2);
        if (label != null) {
            ds.setString(Tags.RTPlanLabel, VR.SH, label);
        }
        return Feed.of(ds, TransferSyntax.EXPLICIT_LE);
    }

    /** Sends {@code first}, holds its group, queues {@code others} behind it one by one (in order). */
    private List<Future<Integer>> queueBehindHeldGroup(Feed first, List<Feed> others, List<Future<Integer>> firstOut)
            throws Exception {
        firstOut.add(send(first));
        assertThat(held.await(30, TimeUnit.SECONDS)).as("first group reached its commit").isTrue();
        List<Future<Integer>> out = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            out.add(send(others.get(i)));
            int queued = i + 1;
            await("object " + queued + " queued behind the held group", () -> store.commits().pending() == queued);
        }
        return out;
    }

    @Test
    void objectsArrivingDuringACommitShareTheNextOneAndNobodyHearsBackEarly() throws Exception {
        holdFirstGroup(StoreFaults.NONE);
        List<Feed> others = new ArrayList<>();
        for (int p = 2; p <= 9; p++) {
            others.add(plan(p, null));
        }
        List<Future<Integer>> first = new ArrayList<>();
        Feed held = plan(1, null);
        List<Future<Integer>> rest = queueBehindHeldGroup(held, others, first);

        Thread.sleep(200); // nobody may answer while the first group is not yet durable
        assertThat(first.get(0).isDone()).as("first object answered before its journal fsync").isFalse();
        assertThat(store.history("pre", held.sopInstanceUid()))
                .as("no row visible (committed) before the journal fsync: a crash could take it back").isEmpty();
        assertThat(rest).noneMatch(Future::isDone);
        long groupsBefore = store.commits().groups();

        release.countDown();
        assertThat(first.get(0).get(30, TimeUnit.SECONDS)).isEqualTo(DimseStatus.SUCCESS);
        for (Future<Integer> f : rest) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(DimseStatus.SUCCESS);
        }
        assertThat(groupsBefore).isZero();
        assertThat(store.commits().groups()).as("8 objects in one group after the first").isEqualTo(2);
        assertThat(store.commits().objects()).isEqualTo(9);
        assertThat(store.state("pre").orElseThrow().instances()).isEqualTo(9);
        assertThat(store.verify("pre", false).problems()).isEmpty();
    }

    @Test
    void aFailingJournalFsyncFailsEveryObjectOfTheGroupAndLeavesNothing() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        holdFirstGroup(new StoreFaults() {
            @Override
            public void beforeJournalSync() throws IOException {
                if (failing.get()) {
                    throw new IOException("Input/output error (injected fsync failure)");
                }
            }
        });
        List<Feed> others = List.of(plan(2, null), plan(3, null), plan(4, null));
        List<Future<Integer>> first = new ArrayList<>();
        List<Future<Integer>> rest = queueBehindHeldGroup(plan(1, null), others, first);
        release.countDown();

        assertThat(first.get(0).get(30, TimeUnit.SECONDS)).isEqualTo(DimseStatus.SUCCESS);
        for (Future<Integer> f : rest) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(DimseStatus.OUT_OF_RESOURCES);
        }
        assertThat(store.state("pre").orElseThrow().instances()).isEqualTo(1);
        for (Feed f : others) {
            assertThat(store.history("pre", f.sopInstanceUid())).isEmpty();
        }
        assertThat(dcmFiles()).hasSize(1);
        assertThat(partFiles()).isEmpty();
        assertThat(journalSeqs()).as("the failed group's records are dropped from the journal")
                .doesNotContainAnyElementsOf(List.of(2L, 3L, 4L));

        failing.set(false); // the disk recovers: the SCU sends again and gets Success
        for (Feed f : others) {
            assertThat(send(f).get(30, TimeUnit.SECONDS)).isEqualTo(DimseStatus.SUCCESS);
        }
        assertThat(store.state("pre").orElseThrow().instances()).isEqualTo(4);
        assertThat(store.verify("pre", false).problems()).isEmpty();
    }

    @Test
    void aCommitFailingAfterTheJournalFsyncIsA700AndAReplayDoesNotFileIt() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(false);
        store.setFaults(new StoreFaults() {
            @Override
            public void beforeCommit() throws SQLException {
                if (failing.get()) {
                    throw new SQLException("injected: the index commit failed");
                }
            }

            @Override
            public void beforeCheckpoint() throws IOException {
                throw new IOException("injected: no checkpoint, the journal keeps its records");
            }
        });
        StateStoreSink sink = new StateStoreSink(store, ctx -> "pre");
        Feed kept = plan(1, null);
        assertThat(kept.sendTo(sink, "QA")).isEqualTo(DimseStatus.SUCCESS);
        failing.set(true);
        List<Feed> others = List.of(plan(2, null), plan(3, null));
        for (Feed f : others) {
            assertThat(f.sendTo(sink, "QA")).as("never Success when the index did not commit")
                    .isEqualTo(DimseStatus.OUT_OF_RESOURCES);
        }
        assertThat(journalSeqs()).as("all three were journaled").hasSize(3);
        assertThat(journalAborts()).as("the journal says the failed groups did not commit").hasSize(2);
        assertThat(partFiles()).isEmpty();

        // a crash now (the journal was never checkpointed): the replay must not file what was answered A700
        store.close();
        store = StateStore.open(dir.resolve("data"), StateStore.defaultIndexUrl(dir.resolve("data")));
        assertThat(store.history("pre", kept.sopInstanceUid())).hasSize(1);
        for (Feed f : others) {
            assertThat(store.history("pre", f.sopInstanceUid())).isEmpty();
        }
        assertThat(journalSeqs()).as("emptied after the replay").isEmpty();
        for (Feed f : others) {
            assertThat(send(f).get(30, TimeUnit.SECONDS)).isEqualTo(DimseStatus.SUCCESS);
            assertThat(store.history("pre", f.sopInstanceUid())).hasSize(1);
        }
        assertThat(store.verify("pre", false).problems()).isEmpty();
    }

    /** Every checkpoint fails (an I/O error before it syncs anything) while {@code failing} is set. */
    private static StoreFaults checkpointsFailWhile(AtomicBoolean failing) {
        return new StoreFaults() {
            @Override
            public void beforeCheckpoint() throws IOException {
                if (failing.get()) {
                    throw new IOException("Input/output error (injected at the checkpoint)");
                }
            }
        };
    }

    @Test
    void aFailingCheckpointRefusesNewObjectsUntilOneSucceeds() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        store.setFaults(checkpointsFailWhile(failing));
        StateStoreSink sink = new StateStoreSink(store, ctx -> "pre");
        assertThat(plan(1, null).sendTo(sink, "QA")).as("durable in the journal").isEqualTo(DimseStatus.SUCCESS);
        // the store goes idle: its checkpoint fails, so it refuses what it could not make durable in place
        Thread.sleep(CommitPipeline.CHECKPOINT_IDLE_MS * 3);
        assertThat(store.commits().checkpoints()).isZero();
        assertThat(plan(2, null).sendTo(sink, "QA")).isEqualTo(DimseStatus.OUT_OF_RESOURCES);
        assertThat(journalSeqs()).as("the first object is still in the journal").hasSize(1);
        assertThat(store.checkpointProblem()).as("health says why").contains("checkpoint failing");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.deleteState("pre"))
                .as("a state is not deleted while its objects cannot be checkpointed")
                .isInstanceOf(StoreException.class);
        assertThat(store.state("pre")).isPresent();

        failing.set(false);
        assertThat(plan(2, null).sendTo(sink, "QA")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(store.commits().checkpoints()).isPositive();
        assertThat(store.checkpointProblem()).isNull();
        assertThat(store.state("pre").orElseThrow().instances()).isEqualTo(2);
        assertThat(store.verify("pre", false).problems()).isEmpty();
    }

    /**
     * The commit does not write H2's file (the journal stands for it until the checkpoint): when
     * H2 closes the database before a checkpoint (a failed background write), the rows it had not
     * written are gone from the reopened database, and the pipeline must file them again from the
     * journal before it commits or empties anything. WRITE_DELAY=60000 keeps H2 from writing them
     * by itself during the test; SHUTDOWN IMMEDIATELY closes the file without writing them.
     */
    @Test
    void rowsLostWhenH2ClosedTheDatabaseAreFiledAgainFromTheJournal() throws Exception {
        Unwritten u = twoRowsH2HasNotWritten("data2");
        StateStore slow = u.store();
        StateStoreSink sink = u.sink();
        Feed a = u.a();
        Feed b = u.b();
        try {
            IndexWriteThroughTest.crash(slow.index());
            assertThat(slow.history("pre", a.sopInstanceUid())).as("H2 lost the row it had not written").isEmpty();

            u.failing().set(false);
            Feed c = plan(3, null);
            assertThat(c.sendTo(sink, "QA")).isEqualTo(DimseStatus.SUCCESS);
            for (Feed f : List.of(a, b, c)) {
                assertThat(slow.history("pre", f.sopInstanceUid())).as(f.sopInstanceUid()).hasSize(1);
            }
            assertThat(slow.commits().checkpoints()).isPositive();
            assertThat(slow.verify("pre", false).problems()).isEmpty();
        } finally {
            slow.close();
        }
    }

    /**
     * The pipeline's connections are not watched by {@link ClosedDatabaseGuard} (its reflective
     * proxies cost the committer a tenth of its time, issue 16): when the pipeline is the first to
     * meet a database H2 closed, it must itself have the pool reopen it and count the reopen, so
     * that the rows H2 lost are filed again from the journal before a group commits, and the
     * object it refused meanwhile is stored when sent again.
     */
    @Test
    void whenThePipelineIsFirstToMeetAClosedDatabaseTheLostRowsAreFiledAgain() throws Exception {
        Unwritten u = twoRowsH2HasNotWritten("data3");
        StateStore slow = u.store();
        StateStoreSink sink = u.sink();
        try {
            long reopens = slow.index().reopens();

            // closed behind every guard's back: nothing but the pipeline will notice
            try (Connection c = slow.index().unwatchedConnection(); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN IMMEDIATELY");
            } catch (SQLException e) {
                assertThat(ClosedDatabaseGuard.isClosed(e)).as(e.toString()).isTrue();
            }
            u.failing().set(false);
            Feed c = plan(3, null);
            // the failed checkpoint goes first, meets the closed database and refuses this one
            assertThat(c.sendTo(sink, "QA")).isEqualTo(DimseStatus.OUT_OF_RESOURCES);
            assertThat(slow.index().reopens()).as("the pipeline had the pool reopen the database").isGreaterThan(reopens);
            // the SCU sends it again: the lost rows are filed again first, then this one
            assertThat(c.sendTo(sink, "QA")).isEqualTo(DimseStatus.SUCCESS);
            for (Feed f : List.of(u.a(), u.b(), c)) {
                assertThat(slow.history("pre", f.sopInstanceUid())).as(f.sopInstanceUid()).hasSize(1);
            }
            assertThat(slow.verify("pre", false).problems()).isEmpty();
        } finally {
            slow.close();
        }
    }

    /** A store whose index has two objects' rows committed but not written (checkpoints failing while {@code failing}). */
    private record Unwritten(StateStore store, StateStoreSink sink, AtomicBoolean failing, Feed a, Feed b) {
    }

    /**
     * WRITE_DELAY=60000 keeps H2 from writing committed rows by itself during the test, and failing
     * checkpoints keep the pipeline from forcing them.
     */
    private Unwritten twoRowsH2HasNotWritten(String folder) throws Exception {
        Path data = dir.resolve(folder);
        StateStore slow = StateStore.open(data, StateStore.defaultIndexUrl(data) + ";WRITE_DELAY=60000");
        AtomicBoolean failing = new AtomicBoolean(true);
        slow.setFaults(checkpointsFailWhile(failing));
        StateStoreSink sink = new StateStoreSink(slow, ctx -> "pre");
        Feed a = plan(1, null);
        Feed b = plan(2, null);
        assertThat(a.sendTo(sink, "QA")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(b.sendTo(sink, "QA")).isEqualTo(DimseStatus.SUCCESS);
        await("the idle checkpoint failed", () -> slow.checkpointProblem() != null);
        return new Unwritten(slow, sink, failing, a, b);
    }

    @Test
    void aCheckpointEmptiesTheJournalOnceTheStoreIsIdle() throws Exception {
        StateStoreSink sink = new StateStoreSink(store, ctx -> "pre");
        assertThat(plan(1, null).sendTo(sink, "QA")).isEqualTo(DimseStatus.SUCCESS);
        await("a checkpoint after the store went idle", () -> store.commits().checkpoints() > 0);
        assertThat(journalSeqs()).isEmpty();
    }

    private List<Long> journalSeqs() throws Exception {
        List<Long> seqs = new ArrayList<>();
        CommitJournal.read(CommitJournal.path(dir.resolve("data")), e -> seqs.add(e.seq()));
        return seqs;
    }

    private List<long[]> journalAborts() throws Exception {
        List<long[]> aborts = new ArrayList<>();
        CommitJournal.read(CommitJournal.path(dir.resolve("data")), new CommitJournal.Visitor() {
            @Override
            public void file(CommitJournal.Entry e) {
            }

            @Override
            public void abort(long from, long to) {
                aborts.add(new long[] {from, to});
            }
        });
        return aborts;
    }

    @Test
    void versionsOfOneObjectInOneGroupKeepArrivalOrder() throws Exception {
        holdFirstGroup(StoreFaults.NONE);
        Feed a = plan(5, "FIRST");
        Feed b = plan(5, "SECOND");
        Feed c = plan(5, "THIRD");
        assertThat(a.sopInstanceUid()).isEqualTo(b.sopInstanceUid()).isEqualTo(c.sopInstanceUid());
        List<Future<Integer>> first = new ArrayList<>();
        List<Future<Integer>> rest = queueBehindHeldGroup(plan(1, null), List.of(a, b, c, a), first);
        release.countDown();
        for (Future<Integer> f : rest) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(DimseStatus.SUCCESS);
        }
        assertThat(store.commits().groups()).isEqualTo(2);
        List<InstanceRecord> history = store.history("pre", a.sopInstanceUid());
        assertThat(history).extracting(InstanceRecord::sha256)
                .containsExactly(a.sha256(), b.sha256(), c.sha256(), a.sha256());
        assertThat(history).extracting(InstanceRecord::current).containsExactly(false, false, false, true);
        assertThat(store.events("pre")).filteredOn(e -> e.kind() == StoreEvent.Kind.REPLACED).hasSize(3);
        assertThat(store.verify("pre", false).problems()).isEmpty();
    }

    @Test
    void anIdleStoreCommitsEachObjectAtOnce() throws Exception {
        for (int p = 1; p <= 3; p++) {
            assertThat(plan(p, null).sendTo(new StateStoreSink(store, ctx -> "pre"), "QA")).isEqualTo(DimseStatus.SUCCESS);
        }
        assertThat(store.commits().groups()).isEqualTo(3);
    }

    @Test
    void aStateDeletedAndReceivedIntoAgainGetsItsRowBack() throws Exception {
        StateStoreSink sink = new StateStoreSink(store, ctx -> "pre");
        assertThat(plan(1, null).sendTo(sink, "QA")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(store.deleteState("pre")).isTrue();
        assertThat(plan(2, null).sendTo(sink, "QA")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(store.state("pre").orElseThrow().instances()).isEqualTo(1);
    }

    @Test
    void aClosedStoreRefusesWithA700InsteadOfWaiting() throws Exception {
        Feed feed = plan(1, null);
        var target = new StateStoreSink(store, ctx -> "pre").begin(feed.context("QA"));
        target.write(ByteBuffer.wrap(feed.dataset()));
        store.commits().close();
        org.assertj.core.api.Assertions.assertThatThrownBy(target::commit)
                .isInstanceOfSatisfying(org.qanode.net.dimse.DimseException.class,
                        e -> assertThat(e.status()).isEqualTo(DimseStatus.OUT_OF_RESOURCES));
        assertThat(partFiles()).isEmpty();
    }

    private List<Path> dcmFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("data/states"))) {
            return s.filter(p -> p.toString().endsWith(".dcm")).toList();
        }
    }

    private List<Path> partFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("data/states"))) {
            return s.filter(p -> p.toString().endsWith(".part")).filter(p -> !Spares.unused(p)).toList();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }
}
