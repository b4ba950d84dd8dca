package org.qanode.net.dimse;

import org.qanode.util.Threads;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One association's storage thread: disk and database work leave the network event loop and
 * run here in arrival order, so responses keep the order of requests. Data waiting for this
 * thread is counted; above a high-water mark the socket stops being read (TCP backpressure),
 * and reading resumes below a low-water mark. That bounds the memory of an object in flight,
 * whatever its size.
 */
final class StorageQueue {
    private static final long HIGH_WATER = 8L << 20;
    private static final long LOW_WATER = 2L << 20;

    private final ExecutorService thread;
    private final AtomicLong queuedBytes = new AtomicLong();

    StorageQueue(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(r -> Threads.daemonThread(threadName, r));
    }

    /** Runs {@code task} on the storage thread after everything submitted before it. */
    void execute(Runnable task) {
        thread.execute(task);
    }

    /**
     * Event loop: copies {@code data} (valid only during the call) and hands the bytes to
     * {@code work} on the storage thread, pausing reads from {@code channel} while too much waits.
     */
    void executeData(Channel channel, ByteBuf data, Consumer<byte[]> work) {
        int n = data.readableBytes();
        byte[] bytes = new byte[n];
        data.getBytes(data.readerIndex(), bytes);
        if (queuedBytes.addAndGet(n) > HIGH_WATER) {
            channel.config().setAutoRead(false);
        }
        thread.execute(() -> {
            try {
                work.accept(bytes);
            } finally {
                if (queuedBytes.addAndGet(-n) < LOW_WATER) {
                    channel.eventLoop().execute(() -> {
                        if (queuedBytes.get() < LOW_WATER && !channel.config().isAutoRead()) {
                            channel.config().setAutoRead(true);
                        }
                    });
                }
            }
        });
    }

    /** Lets the queued tasks finish, then ends the thread. */
    void shutdown() {
        thread.shutdown();
    }
}
