package org.qanode.store;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.zip.CRC32C;

/**
 * The store's write-ahead journal (issue 16; docs/store.md "Commit journal"): one
 * file, {@code DATA/journal/commit.journal}, to which the {@link CommitPipeline} writes every
 * object of a commit group and which it fsyncs <em>once</em> for the group before any of the
 * group's C-STOREs is answered. Moving the files into place, the index commit and the fsyncs of
 * files, directories and index then need not be on the response path: they are made durable
 * together at the next checkpoint, after which the journal starts a new cycle without records.
 * After a crash, {@link JournalReplay} redoes from the journal whatever of its records did not
 * reach the disk.
 *
 * <p>An object up to {@link #INLINE_MAX} bytes is written into its record whole (the bytes of
 * its Part 10 file), so its own file needs no fsync before the response. A larger one is
 * recorded by the name of its staging file, which its association's thread fsynced and whose
 * directory the pipeline fsynced before the journal names it (writing 200 MB twice would halve
 * the rate of large objects).
 *
 * <p>Record: {@code int magic, int length, body[length], int crc32c(body)}; the body is the
 * sequence number, a type and the type's fields. A record cut by a crash (short, wrong magic,
 * wrong checksum) ends the journal: it was never fsynced, so no response depended on it.
 * Not thread-safe: the pipeline's one thread writes it.
 *
 * <p><b>The file is reused, not emptied</b> (like a database's recycled log segments): a group's
 * fsync then writes data only. Appending to a file changes its size, and on ext4 (and most
 * journaling file systems) every fsync of a changed size is a file-system journal commit, which
 * waits for whatever else the node wrote meanwhile: 0.4-0.6 ms per group alone, 1.6 ms under
 * four associations, against 0.26-0.3 ms for an overwrite (docs/performance.md). So a checkpoint
 * does not truncate: {@link #reset} writes a <em>start record</em> at offset 0 with a new random
 * epoch, and every record after it carries the epoch in its checksum ({@code crc32c(epoch, body)})
 * and a sequence number not below the start's; the first record that fails either is the end.
 * What lies beyond, records of earlier cycles or of a group whose fsync never came, is never read
 * as current. The file keeps the largest size it reached, and grows ahead of the records in
 * steps of {@value #GROW_STEP} bytes (zeros, best effort) so that most groups fit in it. A file
 * without a start record (written before this change) is read by the old rules.
 */
final class CommitJournal implements AutoCloseable {
    static final String DIRECTORY = "journal";
    static final String FILE_NAME = "commit.journal";
    /** Objects up to this many bytes (whole Part 10 file) are written into the journal. */
    static final long INLINE_MAX = 1L << 20;
    static final int MAGIC = 0x514A4E31; // "QJN1"
    static final byte FILE = 1;
    static final byte ABORT = 2;
    /** First record of a cycle: its sequence number (the next one to use) and the cycle's epoch. */
    static final byte START = 3;
    /** Bytes of zeros written ahead of the records when they reach the end of the file. */
    static final int GROW_STEP = 4 << 20;
    /** Zeros only while the volume keeps this much free beyond them: its last bytes are for objects. */
    static final long GROW_ROOM = 256L << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(256 * 1024).asReadOnlyBuffer();
    private static final java.security.SecureRandom EPOCHS = new java.security.SecureRandom();
    private static final int BUFFER = 256 * 1024;

    /**
     * One object handed to the pipeline: where its bytes are ({@code staged}, relative to the
     * data directory), the row it should get ({@code draft}, as {@link Filing#file} takes it),
     * the UID mismatch to record, and the file's bytes when written inline (else null).
     */
    record Entry(long seq, String staged, InstanceRecord draft, String uidMismatch, byte[] content) {
    }

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    private final CRC32C crc = new CRC32C();
    /** Logical end: bytes written to the channel plus those still in the buffer. */
    private long end;
    /** The current cycle's epoch, part of every record's checksum; null before the first {@link #reset}. */
    private byte[] epoch;
    /** Size of the file: zeros (or records of earlier cycles) lie between {@link #written} and it. */
    private long allocated;
    /**
     * The journal's volume, looked up once: on a nearly full one every group past the end of the
     * file asks for its free space, and the lookup reads the mount table.
     */
    private final java.nio.file.FileStore volume;

    private CommitJournal(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.volume = Files.getFileStore(file);
        this.end = channel.size();
        this.written = end;
        this.allocated = end;
    }

    static Path path(Path dataDir) {
        return dataDir.resolve(DIRECTORY).resolve(FILE_NAME);
    }

    /**
     * Opens (creating) the journal; the folder and file are made durable. Nothing may be
     * appended before {@link #reset} starts a cycle (after the replay read what the file holds).
     */
    static CommitJournal open(Path dataDir) throws IOException {
        Path dir = dataDir.resolve(DIRECTORY);
        boolean fresh = !Files.isDirectory(dir);
        FileModes.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        boolean created = !Files.exists(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        if (created) {
            FileModes.file(file);
            ch.force(true);
            Filing.fsyncDirectory(dir);
        }
        if (fresh) {
            Filing.fsyncDirectory(dataDir);
        }
        return new CommitJournal(file, ch);
    }

    Path file() {
        return file;
    }

    /** Where the next record goes; {@link #rewind} to it drops what was appended after. */
    long mark() throws IOException {
        drain();
        return end;
    }

    /** Bytes of records in the current cycle (not the size of the file, which is reused). */
    long size() {
        return end;
    }

    /**
     * Appends an object's record. With {@code file} (its whole Part 10 file, from position to
     * limit; left as it is) the bytes go into the record; with null only its name does, and the
     * caller has made that file and its name durable. Nothing is durable before {@link #force}.
     */
    void appendFile(long seq, String staged, InstanceRecord draft, String uidMismatch, ByteBuffer file)
            throws IOException {
        requireCycle();
        if (file == null) {
            appendRecord(encodeMeta(seq, staged, draft, uidMismatch, -1), null);
            return;
        }
        if (file.remaining() > INLINE_MAX) {
            throw new IOException("journal: " + staged + " has " + file.remaining() + " bytes, more than inline allows");
        }
        appendRecord(encodeMeta(seq, staged, draft, uidMismatch, file.remaining()), file.duplicate());
    }

    /** Appends that the records {@code from..to} (inclusive) did not commit: replay skips them. */
    void appendAbort(long from, long to) throws IOException {
        requireCycle();
        ByteArrayOutputStream b = new ByteArrayOutputStream(32);
        DataOutputStream d = new DataOutputStream(b);
        d.writeLong(to);
        d.writeByte(ABORT);
        d.writeLong(from);
        d.writeLong(-1); // no content
        d.flush();
        appendRecord(b.toByteArray(), null);
    }

    private void requireCycle() {
        if (epoch == null) {
            throw new IllegalStateException("journal: no cycle started (reset) since it was opened");
        }
    }

    /**
     * One record: {@code head} (which ends with the content's length) and the bytes of
     * {@code content} (none if null); its checksum starts with the cycle's epoch (none for the
     * start record).
     */
    private void appendRecord(byte[] head, ByteBuffer content) throws IOException {
        long length = head.length + (content == null ? 0 : content.remaining());
        crc.reset();
        if (head[8] != START) {
            crc.update(epoch);
        }
        putInt(MAGIC);
        putInt((int) length);
        crc.update(head);
        put(ByteBuffer.wrap(head));
        if (content != null) {
            crc.update(content.duplicate());
            put(content);
        }
        putInt((int) crc.getValue());
        end += 4 + 4 + length + 4;
    }

    /** Copies {@code src} into the buffer, draining it to the file whenever it is full. */
    private void put(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            int n = Math.min(buffer.remaining(), src.remaining());
            buffer.put(src.slice(src.position(), n));
            src.position(src.position() + n);
        }
    }

    private void putInt(int v) throws IOException {
        if (buffer.remaining() < 4) {
            drain();
        }
        buffer.putInt(v);
    }

    /** Bytes of records on the channel (everything before the buffer). */
    private long written;

    /** Writes the buffer to the file after what is already there. */
    private void drain() throws IOException {
        buffer.flip();
        growFor(written + buffer.remaining());
        while (buffer.hasRemaining()) {
            written += channel.write(buffer, written);
        }
        buffer.clear();
    }

    /**
     * Writing past the end of the file changes its size, and the next fsync with it; zeros are
     * written ahead in steps, so that only the group that crosses a step pays. Best effort: on a
     * (nearly) full disk the records are appended as they come, and fail there if they must.
     */
    private void growFor(long needed) {
        if (needed <= allocated) {
            return;
        }
        long target = Math.max(needed, allocated + GROW_STEP);
        try {
            if (volume.getUsableSpace() < target - allocated + GROW_ROOM) {
                return;
            }
            long at = Math.max(allocated, written);
            writeZeros(at, target);
            allocated = target;
        } catch (IOException e) {
            try {
                allocated = Math.max(channel.size(), written);
            } catch (IOException ignored) {
                allocated = written;
            }
        }
    }

    /** Zeros from {@code from} up to (not including) {@code to}. */
    private void writeZeros(long from, long to) throws IOException {
        long at = from;
        while (at < to) {
            ByteBuffer z = ZEROS.duplicate();
            z.limit((int) Math.min(z.capacity(), to - at));
            at += channel.write(z, at);
        }
    }

    /**
     * Writes what is buffered and fsyncs the journal: the records appended so far are durable.
     * {@code force(false)}: the file's data and size, not its times.
     */
    void force() throws IOException {
        drain();
        channel.force(false);
    }

    /**
     * Drops the records appended after {@code mark} (a group that failed before its fsync). What
     * reached the file is overwritten with zeros, durably: a crash must not leave them readable
     * as records of the cycle (the objects were answered A700).
     */
    void rewind(long mark) throws IOException {
        buffer.clear();
        if (written > mark) {
            writeZeros(mark, written);
            channel.force(false);
            written = mark;
        }
        end = mark;
    }

    /**
     * Starts a new cycle once everything the records did is durable elsewhere (a checkpoint, or
     * the replay at start-up): a start record at offset 0 with a new epoch, fsynced, after which
     * nothing of the earlier cycles reads as a record. {@code nextSeq}: the sequence number the
     * next record will carry; records below it are not the cycle's.
     */
    void reset(long nextSeq) throws IOException {
        buffer.clear();
        written = 0;
        end = 0;
        byte[] e = new byte[8];
        EPOCHS.nextBytes(e);
        epoch = e;
        ByteArrayOutputStream b = new ByteArrayOutputStream(32);
        DataOutputStream d = new DataOutputStream(b);
        d.writeLong(nextSeq);
        d.writeByte(START);
        d.write(e);
        d.flush();
        appendRecord(b.toByteArray(), null);
        drain();
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    // ------------------------------------------------------------------ encoding

    private static byte[] encodeMeta(long seq, String staged, InstanceRecord d, String uidMismatch, long contentLength)
            throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(512);
        DataOutputStream out = new DataOutputStream(b);
        out.writeLong(seq);
        out.writeByte(FILE);
        writeString(out, staged);
        writeString(out, d.state());
        writeString(out, d.sopInstanceUid());
        IndexFields f = d.fields();
        for (String s : new String[] {f.sopClassUid(), f.patientId(), f.patientName(), f.studyInstanceUid(),
                f.seriesInstanceUid(), f.modality(), f.rtPlanLabel(), f.rtPlanDate(), f.referencedPlanUid()}) {
            writeString(out, s);
        }
        writeString(out, d.transferSyntaxUid());
        out.writeLong(d.sizeBytes());
        writeString(out, d.sha256());
        writeString(out, d.receivedAt().toString());
        writeString(out, d.callingAeTitle());
        writeString(out, d.parseError());
        writeString(out, d.integrity().name());
        writeString(out, uidMismatch);
        out.writeLong(contentLength); // -1: the record names its staging file instead
        out.flush();
        return b.toByteArray();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException();
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ reading

    /** What a journal file holds, up to its first cut or damaged record. */
    interface Visitor {
        void file(Entry e) throws IOException, java.sql.SQLException;

        default void abort(long from, long to) {
        }
    }

    /**
     * How far reading got: records read (the start record not counted) and whether a cut or
     * damaged record ended them (at {@code end}). {@code startSeq}: the sequence number of the
     * cycle's start record (every number below it was used before), -1 without one. In a file
     * with a start record the end of the cycle cannot be told from a record cut by a crash (both
     * are followed by what an earlier cycle left), so {@code cut} is only known in an old file.
     */
    record ReadResult(long records, long end, boolean cut, long startSeq) {
    }

    /** Reads every intact record of {@code file}'s current cycle in order; a missing file has none. */
    static ReadResult read(Path file, Visitor visitor) throws IOException, java.sql.SQLException {
        if (!Files.exists(file)) {
            return new ReadResult(0, 0, false, -1);
        }
        long size = Files.size(file);
        long at = 0;
        long n = 0;
        byte[] epoch = null;
        long startSeq = -1;
        long lastSeq = Long.MIN_VALUE;
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, BUFFER))) {
            while (at < size) {
                boolean legacy = epoch == null;
                if (size - at < 12) {
                    return new ReadResult(n, at, legacy && at > 0, startSeq);
                }
                int magic = in.readInt();
                int length = in.readInt();
                if (magic != MAGIC || length < 9 || length > size - at - 12) {
                    // zeros where nothing was written yet are the end, not a cut
                    return new ReadResult(n, at, legacy && (magic != 0 || length != 0), startSeq);
                }
                byte[] body = in.readNBytes(length);
                int expected = in.readInt();
                CRC32C c = new CRC32C();
                if (epoch != null) {
                    c.update(epoch);
                }
                c.update(body);
                if ((int) c.getValue() != expected) {
                    return new ReadResult(n, at, legacy, startSeq);
                }
                long seq = ByteBuffer.wrap(body).getLong(0);
                byte type = body[8];
                if (at == 0 && type == START && length >= 17) {
                    epoch = java.util.Arrays.copyOfRange(body, 9, 17);
                    startSeq = seq;
                    at += 12 + length;
                    continue;
                }
                if (type == START || (epoch != null && (seq < startSeq || seq < lastSeq))) {
                    return new ReadResult(n, at, false, startSeq); // an earlier cycle's
                }
                decode(body, visitor);
                lastSeq = seq;
                at += 12 + length;
                n++;
            }
        }
        return new ReadResult(n, at, false, startSeq);
    }

    private static void decode(byte[] body, Visitor visitor) throws IOException, java.sql.SQLException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body));
        long seq = in.readLong();
        byte type = in.readByte();
        if (type == ABORT) {
            visitor.abort(in.readLong(), seq);
            return;
        }
        if (type != FILE) {
            throw new IOException("journal: unknown record type " + type + " at sequence " + seq);
        }
        String staged = readString(in);
        String state = readString(in);
        String uid = readString(in);
        String[] f = new String[9];
        for (int i = 0; i < f.length; i++) {
            f[i] = readString(in);
        }
        IndexFields fields = new IndexFields(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]);
        String ts = readString(in);
        long sizeBytes = in.readLong();
        String sha = readString(in);
        OffsetDateTime receivedAt = OffsetDateTime.parse(readString(in));
        String calling = readString(in);
        String parseError = readString(in);
        Integrity integrity = Integrity.valueOf(readString(in));
        String mismatch = readString(in);
        long contentLength = in.readLong();
        byte[] content = contentLength < 0 ? null : in.readNBytes((int) contentLength);
        InstanceRecord draft = new InstanceRecord(0, state, uid, 0, true, fields, ts, sizeBytes, sha, receivedAt,
                calling, null, parseError, integrity);
        visitor.file(new Entry(seq, staged, draft, mismatch, content));
    }
}
