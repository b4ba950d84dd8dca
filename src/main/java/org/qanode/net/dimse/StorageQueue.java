package org.qanode.net.dimse;

import org.qanode.util.Threads;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One association's storage thread: disk and database work leave the network event loop and
 * run here in arrival order, so responses keep the order of requests. Data waiting for this
 * thread is counted; above a high-water mark the socket stops being read (TCP backpressure),
 * and reading resumes below a low-water mark. That bounds the memory of an object in flight,
 * whatever its size.
 *
 * <p>The storage thread wakes the event loop only to resume a paused socket: posting a task per
 * fragment when nothing is paused cost a cross-thread wake-up (a futex and a context switch)
 * for every PDV of every object.
 *
 * <p>A fragment reaches the storage thread as the network buffer it arrived in (retained, then
 * released once written), not as a copy: copying each PDV into a new {@code byte[]} on the event
 * loop cost a zero-fill and a copy per byte received, a fifth of the event loop's time on large
 * objects (issue 16). The queued byte count still bounds what is held, now in Netty's pool.
 */
final class StorageQueue {
    private static final long HIGH_WATER = 8L << 20;
    private static final long LOW_WATER = 2L << 20;

    private final ExecutorService thread;
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Reads are paused for this queue; set on the event loop, cleared by whoever schedules the resume. */
    private final AtomicBoolean paused = new AtomicBoolean();

    StorageQueue(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(r -> Threads.daemonThread(threadName, r));
    }

    /** Runs {@code task} on the storage thread after everything submitted before it. */
    void execute(Runnable task) {
        thread.execute(task);
    }

    /**
     * Event loop: hands {@code data}'s readable bytes (the caller keeps its own reference and may
     * release it when this returns) to {@code work} on the storage thread, as a buffer valid
     * during that call, pausing reads from {@code channel} while too much waits.
     */
    void executeData(Channel channel, ByteBuf data, Consumer<ByteBuffer> work) {
        int n = data.readableBytes();
        ByteBuf held = data.retainedDuplicate();
        if (queuedBytes.addAndGet(n) > HIGH_WATER && paused.compareAndSet(false, true)) {
            channel.config().setAutoRead(false);
        }
        Runnable task = () -> {
            try {
                // one contiguous view: a PDV is a slice of the decoder's cumulation buffer
                work.accept(held.nioBuffer());
            } finally {
                held.release();
                if (queuedBytes.addAndGet(-n) < LOW_WATER && paused.compareAndSet(true, false)) {
                    // The event loop may pause again before this task runs; it then sees the flag
                    // set and leaves the socket paused for the next drain to resume.
                    channel.eventLoop().execute(() -> {
                        if (!paused.get()) {
                            channel.config().setAutoRead(true);
                        }
                    });
                }
            }
        };
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // the association is closing and its storage thread gone: the bytes have no reader
            held.release();
            queuedBytes.addAndGet(-n);
            throw e;
        }
    }

    /** Whether reading from the socket is paused for this queue (tests). */
    boolean paused() {
        return paused.get();
    }

    /** Lets the queued tasks finish, then ends the thread. */
    void shutdown() {
        thread.shutdown();
    }
}
