package org.qanode.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * A {@link DurableFile}'s output: writes to its channel, and keeps the whole file in memory
 * while it is at most {@code holdMax} bytes, so that the store reads the header and writes the
 * journal record from memory instead of opening and reading the file twice more (issue 16: four
 * system calls per object on the committer's path, three on the storage thread's). A file that
 * outgrows {@code holdMax} is written through a buffer of {@link #BUFFER} bytes from then on
 * and {@link #held} gives null.
 */
final class HeldOutput extends OutputStream {
    /** Write buffer of a file not (or no longer) held; a held one starts at this size too. */
    static final int BUFFER = 256 * 1024;
    private static final int FIRST_HOLD = 64 * 1024;

    private final FileChannel channel;
    private final int holdMax;
    private byte[] buf;
    /** Bytes in {@code buf}: the whole file while held, else what waits to be written. */
    private int count;
    /** Of a held {@code buf}, the bytes already written to the channel. */
    private int written;
    private boolean holding;
    private long size;

    HeldOutput(FileChannel channel, int holdMax) {
        this.channel = channel;
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
        size += len;
        if (holding) {
            if ((long) count + len <= holdMax) {
                if (count + len > buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(holdMax, Math.max((long) buf.length * 2, count + len)));
                }
                System.arraycopy(b, off, buf, count, len);
                count += len;
                return;
            }
            // the file outgrows what is held: from here on a plain write buffer
            writeOut(buf, written, count - written);
            holding = false;
            count = 0;
            if (buf.length < BUFFER) {
                buf = new byte[BUFFER];
            }
        }
        if (len >= buf.length) {
            flushBuffer();
            writeOut(b, off, len);
            return;
        }
        if (count + len > buf.length) {
            flushBuffer();
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    /** Writes what waits to the channel (no fsync); a held file stays held. */
    @Override
    public void flush() throws IOException {
        if (holding) {
            writeOut(buf, written, count - written);
            written = count;
        } else {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        writeOut(buf, 0, count);
        count = 0;
    }

    private void writeOut(byte[] b, int off, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, off, len);
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
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
