package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
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
import org.qanode.testing.Samples;

/**
 * Recovery from the commit journal after a crash (docs/store.md "Commit journal"). A crash is a
 * store that stops without its checkpoint (a fault hook makes every checkpoint fail), so the
 * journal keeps every record since; what a power cut can take from the disk before a checkpoint
 * is then taken by hand: index rows (with the applied sequence number set back), the files moved
 * into place, their bytes, the end of the journal itself. Reopening the store must give back
 * everything that was answered Success, as it was, and nothing else.
 */
class JournalReplayTest {
    @TempDir
    Path dir;
    StateStore store;

    @BeforeEach
    void open() throws Exception {
        store = reopen();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private StateStore reopen() throws Exception {
        StateStore s = StateStore.open(data(), StateStore.defaultIndexUrl(data()));
        s.setFaults(new StoreFaults() {
            @Override
            public void beforeCheckpoint() throws IOException {
                throw new IOException("injected: no checkpoint before the crash");
            }
        });
        return s;
    }

    /** The node stops dead: no checkpoint, so the journal holds everything stored since the start. */
    private void crash() {
        store.close();
        store = null;
    }

    /**
     * After the crash, before the restart: what the index lost (its rows and events of
     * {@code state}, and with them the journal sequence numbers they carried).
     */
    private void indexLosesState(String state) throws Exception {
        try (IndexDatabase db = IndexDatabase.open(StateStore.defaultIndexUrl(data()));
                Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM events WHERE state = '" + state + "'");
            s.executeUpdate("DELETE FROM instances WHERE state = '" + state + "'");
        }
    }

    private int send(Feed feed) throws IOException {
        return feed.sendTo(new StateStoreSink(store, ctx -> "pre"), "QA");
    }

    private static Feed plan(int patient, String label) throws IOException {
        Dataset ds = RtObjects.vmatPlan(patient, 1, 1, 2, 2);
        if (label != null) {
            ds.setString(Tags.RTPlanLabel, VR.SH, label);
        }
        return Feed.of(ds, TransferSyntax.EXPLICIT_LE);
    }

    private List<Tuple> rows(String state, String uid) {
        return store.history(state, uid).stream().map(r -> tuple(r.version(), r.current(), r.sha256(), r.filePath(),
                r.receivedAt().toInstant(), r.callingAeTitle(), r.fields(), r.integrity())).toList();
    }

    private List<Path> dcmFiles(String state) throws IOException {
        Path folder = data().resolve("states").resolve(state);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).toList();
        }
    }

    private List<Path> partFiles() throws IOException {
        try (Stream<Path> s = Files.walk(data().resolve("states"))) {
            return s.filter(p -> p.toString().endsWith(".part")).filter(p -> !Spares.unused(p)).toList();
        }
    }

    /** Records of the journal's current cycle (the file itself is reused, not emptied). */
    private long journalRecords() throws Exception {
        return CommitJournal.read(CommitJournal.path(data()), e -> { }).records();
    }

    /** Where the current cycle's records end (the start record included). */
    private long journalEnd() throws Exception {
        return CommitJournal.read(CommitJournal.path(data()), e -> { }).end();
    }

    @Test
    void aPowerCutThatTookTheIndexRowsAndTheMovesIsReplayedWithTheSameVersionsAndEvents() throws Exception {
        Feed first = plan(1, "FIRST");
        Feed second = plan(1, "SECOND");
        Feed other = plan(2, null);
        assertThat(first.sopInstanceUid()).isEqualTo(second.sopInstanceUid());
        for (Feed f : List.of(first, second, other, first, other)) { // a new version, back again, a duplicate
            assertThat(send(f)).isEqualTo(DimseStatus.SUCCESS);
        }
        List<Tuple> firstRows = rows("pre", first.sopInstanceUid());
        List<Tuple> otherRows = rows("pre", other.sopInstanceUid());
        assertThat(firstRows).hasSize(3);
        List<StoreEvent.Kind> events = store.events("pre").stream().map(StoreEvent::kind).toList();
        assertThat(events).containsExactly(StoreEvent.Kind.REPLACED, StoreEvent.Kind.REPLACED);

        crash();
        indexLosesState("pre");
        for (Path p : dcmFiles("pre")) {
            Files.delete(p); // the renames never reached the disk
        }

        store = reopen();
        assertThat(rows("pre", first.sopInstanceUid())).isEqualTo(firstRows);
        assertThat(rows("pre", other.sopInstanceUid())).isEqualTo(otherRows);
        assertThat(store.events("pre").stream().map(StoreEvent::kind).toList()).isEqualTo(events);
        assertThat(store.verify("pre", false).problems()).isEmpty();
        assertThat(dcmFiles("pre")).hasSize(3);
        assertThat(partFiles()).isEmpty();
        assertThat(journalRecords()).as("emptied once replayed").isZero();

        // and the numbering goes on from there: a third content is version 4
        assertThat(send(plan(1, "THIRD"))).isEqualTo(DimseStatus.SUCCESS);
        assertThat(store.history("pre", first.sopInstanceUid())).extracting(InstanceRecord::version)
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void filesWhoseBytesDidNotReachTheDiskAreWrittenAgainFromTheJournal() throws Exception {
        List<Feed> feeds = List.of(plan(1, null), plan(2, null), plan(3, null));
        for (Feed f : feeds) {
            assertThat(send(f)).isEqualTo(DimseStatus.SUCCESS);
        }
        crash();
        List<Path> files = dcmFiles("pre");
        assertThat(files).hasSize(3);
        Files.delete(files.get(0)); // the move was lost
        Files.write(files.get(1), new byte[0], StandardOpenOption.TRUNCATE_EXISTING); // moved, data not written
        byte[] b = Files.readAllBytes(files.get(2));
        b[b.length - 1] ^= 0x5a; // written in part
        Files.write(files.get(2), b);

        store = reopen();
        assertThat(store.verify("pre", false).problems()).isEmpty();
        for (Feed f : feeds) {
            assertThat(store.history("pre", f.sopInstanceUid())).singleElement()
                    .extracting(InstanceRecord::sha256, InstanceRecord::integrity).containsExactly(f.sha256(), Integrity.OK);
        }
        assertThat(journalRecords()).isZero();
    }

    @Test
    void aLargeObjectIsNamedByTheJournalNotCopiedAndIsIndexedAgainFromItsFile() throws Exception {
        Feed big = Feed.of(Samples.get("rtimage/pynetdicom_elekta_iview.dcm"));
        assertThat(big.dataset().length).isGreaterThan((int) CommitJournal.INLINE_MAX);
        assertThat(send(big)).isEqualTo(DimseStatus.SUCCESS);
        List<CommitJournal.Entry> entries = new ArrayList<>();
        CommitJournal.read(CommitJournal.path(data()), entries::add);
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.content()).isNull());
        assertThat(journalEnd()).isLessThan(4096);
        List<Tuple> before = rows("pre", big.sopInstanceUid());

        crash();
        indexLosesState("pre");
        store = reopen();
        assertThat(rows("pre", big.sopInstanceUid())).isEqualTo(before);
        assertThat(store.verify("pre", false).problems()).isEmpty();
    }

    @Test
    void aRecordCutByTheCrashEndsTheJournalAndEverythingBeforeItIsReplayed() throws Exception {
        List<Feed> feeds = List.of(plan(1, null), plan(2, null));
        for (Feed f : feeds) {
            assertThat(send(f)).isEqualTo(DimseStatus.SUCCESS);
        }
        crash();
        indexLosesState("pre");
        Path journal = CommitJournal.path(data());
        byte[] whole = Files.readAllBytes(journal);
        int end = (int) journalEnd();
        // the start of a third record right after the two, never fsynced and so never confirmed:
        // the first 100 bytes of the first record (after the cycle's start record), zeros after
        byte[] cut = java.util.Arrays.copyOf(whole, Math.max(whole.length, end + 200));
        java.util.Arrays.fill(cut, end, cut.length, (byte) 0);
        System.arraycopy(whole, CommitJournalTest.START_RECORD_BYTES, cut, end, 100);
        Files.write(journal, cut);

        store = reopen();
        for (Feed f : feeds) {
            assertThat(store.history("pre", f.sopInstanceUid())).hasSize(1);
        }
        assertThat(store.state("pre").orElseThrow().instances()).isEqualTo(2);
        assertThat(journalRecords()).isZero();
        // appending goes on at the start of the journal, not after the cut record
        assertThat(send(plan(3, null))).isEqualTo(DimseStatus.SUCCESS);
        List<Long> seqs = new ArrayList<>();
        CommitJournal.ReadResult read = CommitJournal.read(journal, e -> seqs.add(e.seq()));
        assertThat(read.cut()).isFalse();
        assertThat(seqs).singleElement().satisfies(s -> assertThat(s).isGreaterThan(2L));
    }

    @Test
    void aDamagedRecordIsNotReplayed() throws Exception {
        assertThat(send(plan(1, null))).isEqualTo(DimseStatus.SUCCESS);
        Feed second = plan(2, null);
        assertThat(send(second)).isEqualTo(DimseStatus.SUCCESS);
        crash();
        indexLosesState("pre");
        Path journal = CommitJournal.path(data());
        byte[] b = Files.readAllBytes(journal);
        b[(int) journalEnd() - 10] ^= 0x01; // one bit of the last record's object
        Files.write(journal, b);

        store = reopen();
        // the first record is intact and filed; the second fails its checksum and is not trusted
        assertThat(store.state("pre").orElseThrow().instances()).isEqualTo(1);
        assertThat(store.history("pre", second.sopInstanceUid())).isEmpty();
    }

    @Test
    void aStateDeletedBeforeTheCrashDoesNotComeBack() throws Exception {
        AtomicBoolean checkpoints = new AtomicBoolean(false);
        store.setFaults(new StoreFaults() {
            @Override
            public void beforeCheckpoint() throws IOException {
                if (!checkpoints.get()) {
                    throw new IOException("injected: no checkpoint before the crash");
                }
            }
        });
        for (Feed f : List.of(plan(1, null), plan(2, null))) {
            assertThat(send(f)).isEqualTo(DimseStatus.SUCCESS);
        }
        checkpoints.set(true); // deleting a state checkpoints first (its rows carry the journal's marks)
        assertThat(store.deleteState("pre")).isTrue();
        checkpoints.set(false);
        Feed other = plan(3, null);
        assertThat(other.sendTo(new StateStoreSink(store, ctx -> "other"), "QA")).isEqualTo(DimseStatus.SUCCESS);
        crash();
        indexLosesState("other");

        store = reopen();
        assertThat(store.state("pre")).isEmpty();
        assertThat(dcmFiles("pre")).isEmpty();
        assertThat(store.history("other", other.sopInstanceUid())).hasSize(1);
        assertThat(store.verify("other", false).problems()).isEmpty();
    }

    /**
     * Sequence numbers used by an earlier cycle may be in neither the index nor the journal's
     * records (a group that failed at the end of it); the cycle's start record still holds them,
     * and the numbering goes on above it, or old records would read as the next cycle's.
     */
    @Test
    void numberingGoesOnAboveTheCycleStartEvenWhenNothingElseHoldsTheNumbers() throws Exception {
        crash();
        try (CommitJournal j = CommitJournal.open(data())) {
            j.reset(100); // what the node left: a cycle from 100, no record in it, no row above 0
        }
        store = reopen();
        assertThat(send(plan(1, null))).isEqualTo(DimseStatus.SUCCESS);
        List<Long> seqs = new ArrayList<>();
        CommitJournal.read(CommitJournal.path(data()), e -> seqs.add(e.seq()));
        assertThat(seqs).singleElement().satisfies(s -> assertThat(s).isGreaterThanOrEqualTo(100L));
    }

    @Test
    void aCleanCloseLeavesAnEmptyJournal() throws Exception {
        store.setFaults(StoreFaults.NONE);
        assertThat(send(plan(1, null))).isEqualTo(DimseStatus.SUCCESS);
        store.close();
        store = null;
        assertThat(journalRecords()).isZero();
        store = reopen();
        assertThat(store.state("pre").orElseThrow().instances()).isEqualTo(1);
    }
}
