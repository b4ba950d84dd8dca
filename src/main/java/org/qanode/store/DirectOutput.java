package org.qanode.store;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The rest of a large object's file written around the page cache ({@code O_DIRECT}), from
 * offset 0, through two aligned buffers of {@link #BUFFER} bytes (issue 16, step 10). A buffered
 * write copies every byte into newly allocated page cache pages, which the storage thread pays
 * for in the kernel (a third of all CPU samples with 200 MB objects on the test VM, where a
 * fresh page costs the hypervisor a fault too) and which the fsync then writes out anyway; the
 * node does not read the file again soon. The copy into a buffer here is into memory reused
 * for every block. A direct write returns only when the device has the data, so a full buffer
 * is written by a writer thread while the storage thread fills the other one; one write per
 * file is in flight at a time, in file order.
 *
 * <p>{@code O_DIRECT} wants the buffer's address, the file offset and the length aligned to the
 * file system's block size: whole blocks go directly, and the last partial block at
 * {@link #flush} goes through {@code buffered}, the file's ordinary channel, so the file never
 * holds padding. Where a direct write fails (a file system that accepts the open and not the
 * write), the same bytes go through {@code buffered} and so does the rest of the file; a failure
 * there (disk full) is the caller's. The file's fsync ({@code buffered.force}) covers both:
 * fsync is of the file, not of a descriptor.
 *
 * <p>A second descriptor of the temporary file is open while this lives. Closing any descriptor
 * of a file drops the process's POSIX locks on it, the lock that tells {@code store verify} a
 * live transfer ({@link DurableFile}), so {@link #close} must come after the file's own channel
 * is closed.
 */
final class DirectOutput implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectOutput.class);
    /** Bytes per direct write; a multiple of any block size used ({@link #MAX_BLOCK}). */
    static final int BUFFER = 1 << 20;
    /** Larger blocks (NFS reports its transfer size) are not worth direct writes. */
    private static final int MAX_BLOCK = 64 * 1024;
    /** Block size by folder, so the mount table is read once per state, not per object. */
    private static final Map<Path, Integer> BLOCK_SIZES = new ConcurrentHashMap<>();
    /** Whether a refused direct open or write was logged at WARN already (once per run). */
    private static final AtomicBoolean FALLBACK_REPORTED = new AtomicBoolean();
    /** Aligned buffers kept for the next large object: allocating one zero-fills 1 MB. */
    private static final BlockingQueue<ByteBuffer> SPARE_BUFFERS = new ArrayBlockingQueue<>(8);
    /**
     * Threads that wait for the device while the storage threads go on: one per large object
     * being written at the moment, gone after a minute without work.
     */
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "store-direct-write");
        t.setDaemon(true);
        return t;
    });

    private final Path file;
    private final FileChannel direct;
    private final FileChannel buffered;
    private final int block;
    /** The buffer being filled. */
    private ByteBuffer buf;
    /** File offset of {@code buf}'s first byte; a multiple of {@code block}. */
    private long bufStart;
    /** The write in flight on a writer thread, and the buffer it writes; null when none. */
    private Future<?> pending;
    private ByteBuffer pendingBuf;
    /** The second buffer, free: the next to fill. */
    private ByteBuffer spare;
    /**
     * A direct write failed: everything goes through {@code buffered} from then on. Written and
     * read by one write at a time (the storage thread or a writer thread, ordered by the future).
     */
    private volatile boolean directFailed;

    /** Bytes that went out by direct writes, for tests and the debug log. */
    private volatile long directBytes;

    /** {@code direct}: {@code file} opened with {@code O_DIRECT}; {@code block}: its alignment. */
    DirectOutput(Path file, FileChannel direct, FileChannel buffered, int block) {
        this.file = file;
        this.direct = direct;
        this.buffered = buffered;
        this.block = block;
        this.buf = alignedBuffer(block);
    }

    /**
     * Opens {@code file} a second time for direct writes, or gives null where the file system or
     * the platform has none (older tmpfs, other systems): the caller writes as before.
     */
    static DirectOutput open(Path file, FileChannel buffered) {
        int block = blockSize(file.getParent());
        if (block <= 0) {
            return null;
        }
        FileChannel direct;
        try {
            direct = FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.atLevel(FALLBACK_REPORTED.getAndSet(true) ? Level.DEBUG : Level.WARN).log(
                    "{}: no direct writes, written through the page cache: {}", file, e.toString());
            return null;
        }
        return new DirectOutput(file, direct, buffered, block);
    }

    private static ByteBuffer alignedBuffer(int block) {
        ByteBuffer buf = SPARE_BUFFERS.poll();
        if (buf == null || buf.alignmentOffset(0, block) != 0) {
            buf = ByteBuffer.allocateDirect(BUFFER + block).alignedSlice(block).slice(0, BUFFER);
        }
        return buf.clear();
    }

    /** The block size direct writes to files in {@code dir} align to; 0 where there are none. */
    static int blockSize(Path dir) {
        if (dir == null) {
            return 0;
        }
        Integer known = BLOCK_SIZES.computeIfAbsent(dir, d -> {
            try {
                long size = Files.getFileStore(d).getBlockSize();
                return size > 0 && size <= MAX_BLOCK && Long.bitCount(size) == 1 && BUFFER % size == 0 ? (int) size : 0;
            } catch (UnsupportedOperationException e) {
                return 0;
            } catch (IOException e) {
                // the folder is not there (yet): asked again next time
                return null;
            }
        });
        return known == null ? 0 : known;
    }

    /** {@code data}'s remaining bytes, next in the file; leaves its position at its limit. */
    void write(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            int n = Math.min(buf.remaining(), data.remaining());
            buf.put(buf.position(), data, data.position(), n);
            buf.position(buf.position() + n);
            data.position(data.position() + n);
            if (!buf.hasRemaining()) {
                writeFullBuffer();
            }
        }
    }

    /**
     * Hands the full buffer to a writer thread and goes on filling the other one: a direct write
     * returns only when the device has the data (a quarter of a second per 200 MB on the test
     * VM), time in which this thread digests and copies the next megabyte instead of waiting.
     * One write per file at a time, so the file's bytes go out in order; a write's failure
     * reaches the caller at the next full buffer or at {@link #flush}.
     */
    private void writeFullBuffer() throws IOException {
        awaitPending();
        ByteBuffer out = buf.flip();
        long at = bufStart;
        pendingBuf = out;
        pending = WRITERS.submit(() -> {
            writeBlocks(out, at);
            return null;
        });
        bufStart += out.limit();
        buf = spare != null ? spare : alignedBuffer(block);
        spare = null;
        // a buffer handed back uncleared would write its old bytes again, forever
        assert buf.position() == 0 && buf.limit() == BUFFER : buf;
    }

    /**
     * Waits for the write in flight, if any, and frees its buffer. A failed write stays the one
     * in flight, so every later call fails the same way; {@link #close} frees its buffer.
     */
    private void awaitPending() throws IOException {
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("direct write failed", cause);
        } catch (InterruptedException e) {
            // the write itself runs on: close() waits for it before the buffer is used again
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while a direct write was in flight");
        }
        spare = pendingBuf.clear();
        pending = null;
        pendingBuf = null;
    }

    /**
     * Writes everything received to the file (no fsync): whole blocks directly, the last partial
     * one through the ordinary channel. Its bytes stay in the buffer, so more data after a
     * flush still goes out in whole blocks.
     */
    void flush() throws IOException {
        awaitPending();
        writeWholeBlocks();
        int tail = buf.position();
        if (tail > 0) {
            ByteBuffer rest = buf.duplicate().flip();
            while (rest.hasRemaining()) {
                buffered.write(rest, bufStart + rest.position());
            }
        }
    }

    /** Writes the buffer's whole blocks at {@link #bufStart}, keeps the partial one's bytes. */
    private void writeWholeBlocks() throws IOException {
        int whole = buf.position() & -block;
        if (whole == 0) {
            return;
        }
        writeBlocks(buf.duplicate().position(0).limit(whole), bufStart);
        int left = buf.position() - whole;
        buf.put(0, buf, whole, left);
        buf.position(left);
        bufStart += whole;
    }

    /** {@code out}'s remaining bytes, whole blocks, at file offset {@code at}: directly if possible. */
    private void writeBlocks(ByteBuffer out, long at) throws IOException {
        if (!directFailed) {
            try {
                while (out.hasRemaining()) {
                    directBytes += direct.write(out, at + out.position());
                }
            } catch (IOException e) {
                // EINVAL from a file system that opened with O_DIRECT and will not write so;
                // a full disk fails again below, where the caller hears of it
                directFailed = true;
                // operators hear of it once per run: every large object on such a volume would repeat it
                LOG.atLevel(FALLBACK_REPORTED.getAndSet(true) ? Level.DEBUG : Level.WARN).log(
                        "{}: direct write failed, written through the page cache from here (storage.directWrites): {}",
                        file, e.toString());
            }
        }
        while (out.hasRemaining()) {
            buffered.write(out, at + out.position());
        }
    }

    long directBytes() {
        return directBytes;
    }

    /**
     * Closes the direct descriptor, after the file's own channel (see the class comment), once no
     * write is in flight: only then may its buffers serve another file. Idempotent.
     */
    @Override
    public void close() {
        ByteBuffer b = buf;
        if (b == null) {
            return;
        }
        buf = null;
        boolean interrupted = false;
        while (pending != null) {
            try {
                pending.get();
                break;
            } catch (ExecutionException failed) {
                // the object is being abandoned or the failure was reported already
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            direct.close();
        } catch (IOException ignored) {
            // nothing is pending on it any more
        }
        for (ByteBuffer free : new ByteBuffer[] {b, spare, pendingBuf}) {
            if (free != null) {
                SPARE_BUFFERS.offer(free.clear());
            }
        }
        pending = null;
        pendingBuf = null;
        spare = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
