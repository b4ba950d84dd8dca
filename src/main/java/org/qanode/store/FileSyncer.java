package org.qanode.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.qanode.util.Threads;

/**
 * Fsyncs many files at once, for a checkpoint (issue 16). One at a time, every fsync waits for a
 * journal commit of its own; issued together, the file system and the device take them in
 * batches (ext4 joins concurrent fsyncs into one journal commit, an NVMe drive queues them).
 * 1,000 freshly written 40 KB files on this project's ext4 test VM: 320-570 ms one by one,
 * 140-170 ms on 8 threads, 115-145 ms on 16 (docs/performance.md). The threads exist only
 * while there is work: they end after a minute idle.
 */
final class FileSyncer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileSyncer.class);
    static final int THREADS = 16;
    /** Below this many files the hand-off costs more than the overlap gains. */
    private static final int SERIAL_BELOW = 4;

    private final ThreadPoolExecutor pool;

    FileSyncer() {
        pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Threads.daemon("store-sync"));
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Returns once every one of {@code files} that still exists is fsynced; a file gone since
     * (moved over, its state deleted) needs nothing. The first failure is thrown, after all the
     * others ended: a checkpoint that fails is tried again whole.
     */
    void fsyncAll(Collection<Path> files) throws IOException {
        List<Path> list = new ArrayList<>(files);
        if (list.size() < SERIAL_BELOW) {
            for (Path f : list) {
                DurableFile.fsyncIfPresent(f);
            }
            return;
        }
        List<Future<Void>> running = new ArrayList<>(THREADS);
        for (List<Path> part : parts(list)) {
            running.add(pool.submit(() -> {
                for (Path f : part) {
                    DurableFile.fsyncIfPresent(f);
                }
                return null;
            }));
        }
        IOException first = null;
        boolean interrupted = false;
        for (Future<Void> f : running) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the fsyncs run on; their outcome is still needed
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (first == null) {
                        first = cause instanceof IOException io ? io : new IOException("fsync: " + cause, cause);
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Starts fsyncing {@code files} without waiting: a checkpoint to come then finds most of
     * them clean, and an fsync of a clean file costs a tenth of one with data to write (1,000
     * files: 47-50 ms against 183-208 ms, one by one). A failure is only logged at DEBUG: the
     * checkpoint fsyncs every file again and fails on its own.
     */
    void startFsync(List<Path> files) {
        for (List<Path> part : parts(List.copyOf(files))) {
            pool.execute(() -> {
                for (Path f : part) {
                    try {
                        DurableFile.fsyncIfPresent(f);
                    } catch (IOException e) {
                        LOG.debug("early fsync of {}: {} (the checkpoint tries again)", f, e.toString());
                    }
                }
            });
        }
    }

    /** {@code list} cut into at most {@link #THREADS} runs of about equal length, one per thread. */
    private static List<List<Path>> parts(List<Path> list) {
        int n = Math.min(THREADS, list.size());
        List<List<Path>> parts = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            parts.add(list.subList(k * list.size() / n, (k + 1) * list.size() / n));
        }
        return parts;
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
