package org.qanode.dicom.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A buffered input that knows its position and, when the source size is known, how much
 * is left: the reader uses that to refuse a forged length before allocating for it.
 */
final class DicomInput {
    /** Allocation step for values whose length cannot be checked against the source size. */
    private static final int CHUNK = 1 << 20;

    private InputStream in;
    private final byte[] buf;
    private int pos;
    private int lim;
    private long consumedBeforeBuf;
    private long limit;

    /** Read-ahead for a source of unknown or larger size. */
    static final int MAX_BUFFER = 64 * 1024;
    /**
     * Read-ahead at least: above the 132 bytes that {@link #peek} looks ahead for "DICM", and
     * enough that a small deflated source inflating to much more is not read a few bytes at a time.
     */
    static final int MIN_BUFFER = 8 * 1024;

    DicomInput(InputStream in, long sourceLength) {
        this.in = in;
        // sized to a known source: a node parses a DIMSE command (about 200 bytes) and the header of
        // each object it receives, and a 64 KB array for each, zeroed and soon garbage, cost more
        // than the parse of a small one
        this.buf = new byte[bufferSize(sourceLength)];
        this.limit = sourceLength;
    }

    static int bufferSize(long sourceLength) {
        return sourceLength < 0 ? MAX_BUFFER : (int) Math.max(MIN_BUFFER, Math.min(MAX_BUFFER, sourceLength));
    }

    /** The read-ahead buffer's size (tests). */
    int bufferLength() {
        return buf.length;
    }

    /** Bytes read so far, i.e. the offset of the next byte in the (possibly inflated) stream. */
    long position() {
        return consumedBeforeBuf + pos;
    }

    /** Bytes left when the source size is known, else -1. */
    long remaining() {
        return limit < 0 ? -1 : limit - position();
    }

    private boolean fill(int need) throws IOException {
        if (lim - pos >= need) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            consumedBeforeBuf += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim < need) {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                return false;
            }
            lim += n;
        }
        return true;
    }

    /** True when no byte is left. */
    boolean atEnd() throws IOException {
        return !fill(1);
    }

    /** Byte {@code i} ahead of the position without consuming it, or -1 past the end. */
    int peek(int i) throws IOException {
        return fill(i + 1) ? buf[pos + i] & 0xFF : -1;
    }

    int available() throws IOException {
        fill(Math.min(buf.length, 8));
        return lim - pos;
    }

    int readU16(boolean bigEndian) throws IOException {
        if (!fill(2)) {
            throw new EOFException();
        }
        int b0 = buf[pos] & 0xFF;
        int b1 = buf[pos + 1] & 0xFF;
        pos += 2;
        return bigEndian ? (b0 << 8) | b1 : (b1 << 8) | b0;
    }

    int readS32(boolean bigEndian) throws IOException {
        if (!fill(4)) {
            throw new EOFException();
        }
        int b0 = buf[pos] & 0xFF;
        int b1 = buf[pos + 1] & 0xFF;
        int b2 = buf[pos + 2] & 0xFF;
        int b3 = buf[pos + 3] & 0xFF;
        pos += 4;
        return bigEndian ? (b0 << 24) | (b1 << 16) | (b2 << 8) | b3 : (b3 << 24) | (b2 << 16) | (b1 << 8) | b0;
    }

    /** Reads a tag: group then element, each in the stream's byte order. */
    int readTag(boolean bigEndian) throws IOException {
        int group = readU16(bigEndian);
        return (group << 16) | readU16(bigEndian);
    }

    void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == lim && !fill(1)) {
                throw new EOFException();
            }
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /**
     * Reads a value of {@code length} bytes. Where the source size is unknown the array grows
     * chunk by chunk as bytes really arrive, so a forged length ends in EOF, not in an
     * OutOfMemoryError.
     */
    byte[] readBytes(long length) throws IOException {
        if (length > Integer.MAX_VALUE - 16) {
            throw new EOFException();
        }
        int len = (int) length;
        if (len <= CHUNK || (limit >= 0 && length <= remaining())) {
            byte[] b = new byte[len];
            readFully(b, 0, len);
            return b;
        }
        byte[] b = new byte[CHUNK];
        int done = 0;
        while (done < len) {
            if (done == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(len, (long) b.length * 2));
            }
            int n = Math.min(b.length - done, len - done);
            readFully(b, done, n);
            done += n;
        }
        return b;
    }

    void skip(long n) throws IOException {
        long left = n;
        int inBuf = Math.min(lim - pos, (int) Math.min(left, Integer.MAX_VALUE));
        pos += inBuf;
        left -= inBuf;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                s = 1;
            }
            left -= s;
            consumedBeforeBuf += s;
        }
    }

    /**
     * From here on the bytes are a deflate stream (PS3.5 A.5): raw deflate per the
     * standard, or a zlib-wrapped one as some writers produce. Positions then count
     * inflated bytes and the remaining size is no longer known.
     */
    void startInflating() throws IOException {
        boolean zlibHeader = false;
        if (fill(2)) {
            int cmf = buf[pos] & 0xFF;
            int flg = buf[pos + 1] & 0xFF;
            zlibHeader = (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
        }
        InputStream rest = new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOfRange(buf, pos, lim)), in);
        consumedBeforeBuf += pos;
        lim = 0;
        pos = 0;
        long start = consumedBeforeBuf;
        in = new InflaterInputStream(rest, new Inflater(!zlibHeader), 8192);
        consumedBeforeBuf = start;
        limit = -1;
    }

    InputStream source() {
        return in;
    }
}
