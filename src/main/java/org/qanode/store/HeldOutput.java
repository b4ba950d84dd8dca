package org.qanode.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A {@link DurableFile}'s output: writes to its channel, and keeps the whole file in memory
 * while it is at most {@code holdMax} bytes, so that the store reads the header and writes the
 * journal record from memory instead of opening and reading the file twice more (issue 16: four
 * system calls per object on the committer's path, three on the storage thread's). A file that
 * outgrows {@code holdMax} is written around the page cache from then on ({@link DirectOutput},
 * when given its path and the file system allows) and {@link #held} gives null. Otherwise it is
 * written through a buffer of {@link #BUFFER} bytes, and a fragment in direct memory of at least
 * {@link #DIRECT_WRITE_MIN} bytes goes to the channel as it is (copying it into the heap buffer,
 * which the channel then copies into a direct buffer of its own, cost two copies of every byte
 * of a large object).
 */
final class HeldOutput extends OutputStream {
    /** Write buffer of a file not (or no longer) held; a held one starts at this size too. */
    static final int BUFFER = 256 * 1024;
    /**
     * A held file's first buffer, doubled as the file grows: most objects a node receives are
     * treatment records of a few kilobytes, for which a larger first array is only zeroing and garbage.
     */
    static final int FIRST_HOLD = 8 * 1024;
    /** Below this, a direct fragment is gathered in the buffer: a write call costs more than the copy. */
    static final int DIRECT_WRITE_MIN = 16 * 1024;

    private final FileChannel channel;
    /** The file, for {@link DirectOutput}; null: no direct writes. */
    private final Path file;
    private final int holdMax;
    private byte[] buf;
    /** Bytes in {@code buf}: the whole file while held, else what waits to be written. */
    private int count;
    /** Of a held {@code buf}, the bytes already written to the channel. */
    private int written;
    private boolean holding;
    private long size;
    /** Once the file outgrew {@code holdMax}: where the rest goes, if the file system allows. */
    private DirectOutput direct;

    HeldOutput(FileChannel channel, int holdMax) {
        this(channel, null, holdMax);
    }

    /**
     * With {@code file} the path {@code channel} writes: a file that outgrows {@code holdMax} is
     * written around the page cache from then on ({@link DirectOutput}).
     */
    HeldOutput(FileChannel channel, Path file, int holdMax) {
        this.channel = channel;
        this.file = file;
        this.holdMax = holdMax;
        this.holding = holdMax > 0;
        this.buf = new byte[holding ? Math.min(FIRST_HOLD, holdMax) : BUFFER];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        write(ByteBuffer.wrap(b, off, len));
    }

    /** {@code data}'s remaining bytes; leaves its position at its limit. */
    void write(ByteBuffer data) throws IOException {
        int len = data.remaining();
        size += len;
        if (keepHeld(len)) {
            data.get(buf, count, len);
            count += len;
            return;
        }
        if (direct != null) {
            // not held (any more), and the file system takes direct writes
            direct.write(data);
            return;
        }
        // a heap fragment larger than the buffer, or a direct one worth a write call of its own
        if (len >= (data.isDirect() ? DIRECT_WRITE_MIN : buf.length)) {
            flushBuffer();
            writeOut(data);
            return;
        }
        if (count + len > buf.length) {
            flushBuffer();
        }
        data.get(buf, count, len);
        count += len;
    }

    /**
     * Whether {@code len} more bytes are to be held (and {@code buf} has room for them). When
     * they would take the file past {@code holdMax}, writes out what is held and turns
     * {@code buf} into a plain write buffer, for good.
     */
    private boolean keepHeld(int len) throws IOException {
        if (!holding) {
            return false;
        }
        if ((long) count + len <= holdMax) {
            if (count + len > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(holdMax, Math.max((long) buf.length * 2, count + len)));
            }
            return true;
        }
        holding = false;
        direct = file == null ? null : DirectOutput.open(file, channel);
        if (direct != null) {
            // from offset 0: bytes a flush wrote already are written again, the same
            direct.write(ByteBuffer.wrap(buf, 0, count));
            buf = null;
            count = 0;
            return false;
        }
        writeOut(ByteBuffer.wrap(buf, written, count - written));
        count = 0;
        if (buf.length < BUFFER) {
            buf = new byte[BUFFER];
        }
        return false;
    }

    /** The buffer's size (tests). */
    int capacity() {
        return buf == null ? 0 : buf.length;
    }

    /** Writes what waits to the channel (no fsync); a held file stays held. */
    @Override
    public void flush() throws IOException {
        if (direct != null) {
            direct.flush();
        } else if (holding) {
            writeOut(ByteBuffer.wrap(buf, written, count - written));
            written = count;
        } else {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        writeOut(ByteBuffer.wrap(buf, 0, count));
        count = 0;
    }

    private void writeOut(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }

    /**
     * Closes what this opened besides the channel it was given (the direct descriptor): after
     * that channel is closed, so the file's lock lasts as long as the channel ({@link DirectOutput}).
     */
    @Override
    public void close() {
        if (direct != null) {
            direct.close();
        }
    }

    /** Bytes that went to the file by direct writes ({@link DirectOutput}). */
    long directBytes() {
        return direct == null ? 0 : direct.directBytes();
    }

    /** Bytes written so far, whether or not they reached the channel yet. */
    long size() {
        return size;
    }

    /**
     * The whole file, if it never outgrew {@code holdMax}, else null. Not a copy: valid until
     * the next write, and not to be changed.
     */
    ByteBuffer held() {
        return holding ? ByteBuffer.wrap(buf, 0, count) : null;
    }
}
