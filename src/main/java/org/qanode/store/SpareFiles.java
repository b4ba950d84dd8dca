package org.qanode.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.qanode.util.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary files made ahead, a few per staging folder, so that a received object does not wait
 * for its file to be created: on the test VM's file system creating a file right after many
 * deletions took 0.35-0.4 ms, a tenth of an object's round trip over one association (issue 16);
 * on NFS it is a round trip to the server. PostgreSQL recycles its WAL segments for the same
 * reason. A spare is an empty {@code .part} file ({@link #PREFIX}), locked like one being written
 * ({@link DurableFile.Staged}); taking one costs nothing, and one background thread makes the next.
 *
 * <p>A folder about to be deleted (a state) is {@link #discard}ed first: its spares go and none
 * made before is added after (a generation number per folder, checked under this object's lock).
 * Spares left by a crash are empty and unlocked; {@link #removeLeftovers} deletes them at start.
 */
final class SpareFiles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpareFiles.class);
    /** Spares kept per folder: one per association sending to the same state at once, up to four. */
    static final int PER_FOLDER = 4;
    /**
     * A spare's name: {@code .spare-<random>.part}, kept while an object is written into it
     * (the pipeline moves it to its final name), so that a listing tells spares from transfers.
     */
    static final String PREFIX = ".spare-";

    private final ExecutorService maker = Executors.newSingleThreadExecutor(r -> Threads.daemonThread("store-spares", r));
    /**
     * Folders with spares, the most recently taken from last: a node that files one state per
     * night would otherwise keep four open files for every night it ever received.
     */
    static final int MAX_FOLDERS = 8;
    private final Map<Path, ArrayDeque<DurableFile.Staged>> ready = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Path, Long> generations = new HashMap<>();
    /** Folders with a refill queued or running: one at a time per folder. */
    private final Set<Path> refilling = new HashSet<>();
    private boolean closed;

    /**
     * A spare in {@code dir}, or null when none is ready (the caller creates its file itself);
     * either way more are made in the background.
     */
    synchronized DurableFile.Staged take(Path dir) {
        if (closed) {
            return null;
        }
        ArrayDeque<DurableFile.Staged> q = ready.get(dir); // and now the most recent
        DurableFile.Staged spare = q == null ? null : q.pollFirst();
        evictBeyond(MAX_FOLDERS, dir);
        if (refilling.add(dir)) {
            long generation = generations.getOrDefault(dir, 0L);
            try {
                maker.execute(() -> refill(dir, generation));
            } catch (RejectedExecutionException e) {
                refilling.remove(dir);
            }
        }
        return spare;
    }

    /** Discards the spares of the least recently used folders beyond {@code max} ({@code keep} stays). */
    private void evictBeyond(int max, Path keep) {
        int over = ready.size() + (ready.containsKey(keep) ? 0 : 1) - max;
        for (var it = ready.entrySet().iterator(); over > 0 && it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals(keep)) {
                continue;
            }
            generations.merge(e.getKey(), 1L, Long::sum); // a refill in flight for it adds nothing
            e.getValue().forEach(DurableFile.Staged::discard);
            it.remove();
            over--;
        }
    }

    private void refill(Path dir, long generation) {
        try {
            while (true) {
                synchronized (this) {
                    ArrayDeque<DurableFile.Staged> q = ready.get(dir);
                    if (closed || generations.getOrDefault(dir, 0L) != generation
                            || (q != null && q.size() >= PER_FOLDER)) {
                        return;
                    }
                }
                DurableFile.Staged made = DurableFile.Staged.create(dir, PREFIX); // outside the lock: the slow part
                synchronized (this) {
                    if (closed || generations.getOrDefault(dir, 0L) != generation) {
                        made.discard(); // the folder was discarded meanwhile
                        return;
                    }
                    ready.computeIfAbsent(dir, d -> new ArrayDeque<>()).addLast(made);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the folder is gone (a state deleted) or not writable: objects create their own files,
            // and say why if they cannot
            LOG.debug("no spare staging file in {}: {}", dir, e.toString());
        } finally {
            synchronized (this) {
                refilling.remove(dir);
            }
        }
    }

    /** Before {@code dir} is deleted or moved: its spares are deleted, and none made before is added. */
    void discard(Path dir) {
        List<DurableFile.Staged> gone;
        synchronized (this) {
            generations.merge(dir, 1L, Long::sum);
            ArrayDeque<DurableFile.Staged> q = ready.remove(dir);
            gone = q == null ? List.of() : new ArrayList<>(q);
        }
        gone.forEach(DurableFile.Staged::discard);
    }

    /** Whether {@code file} is named as a spare (taken or not). */
    static boolean isSpare(Path file) {
        return file.getFileName().toString().startsWith(PREFIX);
    }

    /** Spares ready in {@code dir} (tests). */
    synchronized int readyIn(Path dir) {
        ArrayDeque<DurableFile.Staged> q = ready.get(dir);
        return q == null ? 0 : q.size();
    }

    /** Deletes every spare; later takes give null. */
    @Override
    public void close() {
        List<DurableFile.Staged> gone = new ArrayList<>();
        synchronized (this) {
            closed = true;
            ready.values().forEach(gone::addAll);
            ready.clear();
        }
        maker.shutdown();
        try {
            maker.awaitTermination(10, TimeUnit.SECONDS); // a refill in flight sees `closed` and discards
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gone.forEach(DurableFile.Staged::discard);
    }

    /**
     * At start: deletes the empty {@code .part} files in {@code dir} that no process holds (spares,
     * or transfers that had not written a byte, when the node stopped without closing: they hold
     * nothing); returns how many.
     */
    static int removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        List<Path> empty;
        try (Stream<Path> s = Files.list(dir)) {
            empty = s.filter(p -> p.getFileName().toString().endsWith(DurableFile.TEMP_SUFFIX)).filter(p -> {
                try {
                    return Files.isRegularFile(p) && Files.size(p) == 0;
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
        for (Path p : empty) {
            if (Boolean.TRUE.equals(DurableFile.isLeftover(p, true))) {
                removed++;
            }
        }
        return removed;
    }
}
