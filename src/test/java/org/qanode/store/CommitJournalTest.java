package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal file is reused from cycle to cycle (issue 16): what an earlier cycle, or a group
 * that failed before its fsync, left in it must never read as a record of the current cycle,
 * since a replay would file it (an object answered A700, or one of a state deleted since).
 */
class CommitJournalTest {
    /** magic, length, body (sequence number, type, epoch), checksum. */
    static final int START_RECORD_BYTES = 4 + 4 + 8 + 1 + 8 + 4;

    @TempDir
    Path dir;

    private static InstanceRecord draft(String uid) {
        return new InstanceRecord(0, "pre", uid, 0, true,
                new IndexFields("1.2.840.10008.5.1.4.1.1.481.5", "P1", "Doe^J", "1.2.3", "1.2.3.4", "RTPLAN", "L", "20260101", null),
                "1.2.840.10008.1.2.1", 100, "00".repeat(32), OffsetDateTime.parse("2026-12-03T12:00:00Z"), "ARIA", null, null,
                Integrity.OK);
    }

    private void append(CommitJournal j, long seq, Path content) throws Exception {
        j.appendFile(seq, "states/pre/.incoming/x" + seq + ".part", draft("1.2.3.4." + seq), null,
                ByteBuffer.wrap(Files.readAllBytes(content)));
    }

    private List<Long> seqs(Path file) throws Exception {
        List<Long> seqs = new ArrayList<>();
        CommitJournal.read(file, new CommitJournal.Visitor() {
            @Override
            public void file(CommitJournal.Entry e) {
                seqs.add(e.seq());
            }

            @Override
            public void abort(long from, long to) {
                seqs.add(-to);
            }
        });
        return seqs;
    }

    /** A new cycle from {@code first} with {@code count} records of {@code content}, fsynced. */
    private void cycle(CommitJournal j, long first, int count, Path content) throws Exception {
        j.reset(first);
        for (long s = first; s < first + count; s++) {
            append(j, s, content);
        }
        j.force();
    }

    private CommitJournal openJournal() throws Exception {
        return CommitJournal.open(dir.resolve("data"));
    }

    private Path journalFile() {
        return CommitJournal.path(dir.resolve("data"));
    }

    private Path content(int size) throws Exception {
        return Files.write(dir.resolve("obj-" + size), new byte[size]);
    }

    @Test
    void anEarlierCycleBeyondTheCurrentRecordsIsNotRead() throws Exception {
        Path file = journalFile();
        Path big = content(5000);
        try (CommitJournal j = openJournal()) {
            cycle(j, 1, 5, big);
            assertThat(seqs(file)).containsExactly(1L, 2L, 3L, 4L, 5L);
            long sizeAfterFirstCycle = Files.size(file);

            cycle(j, 6, 1, content(10)); // a checkpoint: the file keeps its size and its old bytes
            assertThat(Files.size(file)).as("reused, not truncated").isEqualTo(sizeAfterFirstCycle);
            // the first cycle's records 2..5 are still in the file, intact, right after record 6
            assertThat(seqs(file)).containsExactly(6L);
        }
    }

    @Test
    void anEarlierCycleIsNotReadEvenWhereItsRecordsStartExactlyAtTheEnd() throws Exception {
        // records of one size: the new cycle's end falls exactly on an old record, intact
        Path file = journalFile();
        Path same = content(300);
        try (CommitJournal j = openJournal()) {
            cycle(j, 1, 4, same);
            // a new cycle from the same number (the sequence rule alone cannot tell the old
            // records then: as after a crash that cut the start record of the cycle before)
            cycle(j, 1, 1, same);
            assertThat(seqs(file)).containsExactly(1L);
        }
        // the same bytes under the old rules (no start record, plain checksums) read as four
        // records: the epoch in the checksum is what keeps the old ones out
        assertThat(asOldFile(file, 6)).containsExactly(1L, 2L, 3L, 4L);
    }

    /** What the reuse is for: a group's records land inside the file, so its fsync records no new size. */
    @Test
    void theFileGrowsAheadOfItsRecordsWhereTheVolumeHasRoom() throws Exception {
        Path file = journalFile();
        try (CommitJournal j = openJournal()) {
            cycle(j, 1, 1, content(10));
            long size = Files.size(file);
            assertThat(size).isGreaterThanOrEqualTo(CommitJournal.GROW_STEP);
            cycle(j, 2, 3, content(100_000));
            assertThat(Files.size(file)).as("three records inside the zeros written ahead").isEqualTo(size);
        }
    }

    @Test
    void recordsBelowTheCycleStartAreNotTheCycles() throws Exception {
        Path file = journalFile();
        try (CommitJournal j = openJournal()) {
            j.reset(100);
            append(j, 100, content(10));
            append(j, 50, content(10)); // cannot happen in the pipeline; the reader must not trust it
            j.force();
        }
        assertThat(seqs(file)).containsExactly(100L);
        assertThat(CommitJournal.read(file, e -> { }).startSeq()).isEqualTo(100);
    }

    @Test
    void aRewoundGroupLeavesNothingReadable() throws Exception {
        Path file = journalFile();
        try (CommitJournal j = openJournal()) {
            j.reset(1);
            append(j, 1, content(10));
            j.force();
            long mark = j.mark();
            append(j, 2, content(300_000)); // more than the buffer: it reached the file
            append(j, 3, content(10));
            j.mark(); // drained
            assertThat(seqs(file)).as("written, not yet synced").containsExactly(1L, 2L, 3L);
            j.rewind(mark);
            assertThat(seqs(file)).containsExactly(1L);
            append(j, 4, content(10));
            j.force();
            assertThat(seqs(file)).containsExactly(1L, 4L);
        }
    }

    @Test
    void nothingIsAppendedBeforeACycleStarts() throws Exception {
        try (CommitJournal j = openJournal()) {
            assertThatThrownBy(() -> append(j, 1, content(10))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> j.appendAbort(1, 2)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aJournalWrittenBeforeTheStartRecordIsReadByTheOldRules() throws Exception {
        Path file = journalFile();
        try (CommitJournal j = openJournal()) {
            j.reset(7);
            append(j, 7, content(10));
            append(j, 8, content(10));
            j.appendAbort(8, 8);
            j.force();
        }
        // an upgrade after a crash: the old node's journal has no start record and plain checksums
        assertThat(asOldFile(file, 3)).containsExactly(7L, 8L, -8L);
        CommitJournal.ReadResult r = CommitJournal.read(dir.resolve("old.journal"), e -> { });
        assertThat(r.startSeq()).isEqualTo(-1);
        assertThat(r.cut()).isFalse();
    }

    /**
     * Rewrites {@code file} as the journal was before the start record: the first {@code records}
     * records after it, with checksums over the body alone, then the rest of the old bytes
     * re-checksummed the same way; returns what the reader makes of it.
     */
    private List<Long> asOldFile(Path file, int records) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        in.position(START_RECORD_BYTES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < records && in.remaining() >= 12; i++) {
            int magic = in.getInt();
            int length = in.getInt();
            if (magic != CommitJournal.MAGIC || length < 9 || length > in.remaining() - 4) {
                break;
            }
            byte[] body = new byte[length];
            in.get(body);
            in.getInt();
            CRC32C crc = new CRC32C();
            crc.update(body);
            ByteBuffer rec = ByteBuffer.allocate(12 + length);
            rec.putInt(magic).putInt(length).put(body).putInt((int) crc.getValue());
            out.write(rec.array());
        }
        Path old = dir.resolve("old.journal");
        Files.write(old, out.toByteArray());
        return seqs(old);
    }

    @Test
    void aRecordReadsBackWithItsBytesWhereverTheyLieInTheirArray() throws Exception {
        java.util.Random random = new java.util.Random(16);
        byte[] small = new byte[4321];
        byte[] large = new byte[3 * (int) CommitJournal.INLINE_MAX / 4]; // more than the journal's buffer
        random.nextBytes(small);
        random.nextBytes(large);
        Path smallFile = Files.write(dir.resolve("small"), small);
        byte[] shifted = new byte[large.length + 11];
        System.arraycopy(large, 0, shifted, 11, large.length);
        try (CommitJournal j = openJournal()) {
            j.reset(1);
            append(j, 1, smallFile);
            j.appendFile(2, "states/pre/.incoming/x2.part", draft("1.2.3.4.2"), null, ByteBuffer.wrap(small));
            // held the way a DurableFile holds it: part of a larger array, not from its start
            ByteBuffer held = ByteBuffer.wrap(shifted, 11, large.length);
            j.appendFile(3, "states/pre/.incoming/x3.part", draft("1.2.3.4.3"), "mismatch", held);
            assertThat(held.position()).as("the caller's buffer is left as it was").isEqualTo(11);
            j.appendFile(4, "states/pre/.incoming/x4.part", draft("1.2.3.4.4"), null, ByteBuffer.allocate(0));
            j.appendFile(5, "states/pre/.incoming/x5.part", draft("1.2.3.4.5"), null, null); // named, not held
            j.force();
        }
        List<CommitJournal.Entry> entries = new ArrayList<>();
        CommitJournal.read(journalFile(), entries::add);
        assertThat(entries).extracting(CommitJournal.Entry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(entries.get(1).content()).isEqualTo(entries.get(0).content()).isEqualTo(small);
        assertThat(entries.get(1).draft()).isEqualTo(draft("1.2.3.4.2"));
        assertThat(entries.get(2).content()).isEqualTo(large);
        assertThat(entries.get(2).uidMismatch()).isEqualTo("mismatch");
        assertThat(entries.get(3).content()).isEmpty();
        assertThat(entries.get(4).content()).isNull();
        assertThat(entries.get(4).staged()).isEqualTo("states/pre/.incoming/x5.part");
    }
}
