package org.qanode.node;

import org.qanode.util.Threads;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.qanode.result.ComparisonResult;
import org.qanode.result.ComparisonRunner;
import org.qanode.compare.Difference;
import org.qanode.compare.PairResult;
import org.qanode.compare.Profile;
import org.qanode.compare.ProfileLoader;
import org.qanode.compare.Severity;
import org.qanode.store.StateObjectSource;
import org.qanode.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs comparisons requested over REST in the background: a row QUEUED in the index, a bounded
 * queue in front of {@code compare.workers} threads, the result written as a file, the row DONE
 * or FAILED. Comparisons a previous process left QUEUED or RUNNING (crash, shutdown) are run
 * again on start, so a 202 is never forgotten.
 */
public final class ComparisonService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComparisonService.class);

    /** Told when a comparison ends (webhooks, metrics); called on the comparison's worker thread. */
    public interface Listener {
        Listener NONE = (record, result) -> { };

        /** {@code result} is null for a FAILED comparison. */
        void finished(ComparisonRecord record, ComparisonResult result);
    }

    private final StateStore store;
    private final ComparisonRepository repository;
    private final ResultFiles files;
    private final CompareSettings settings;
    private final ProfileLoader profiles;
    private final Listener listener;
    /** Further listeners (the web UI's result cache), told after {@link #listener}. */
    private final List<Listener> more = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor executor;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean closing;

    public ComparisonService(StateStore store, CompareSettings settings, Listener listener) throws IOException {
        this.store = store;
        this.repository = new ComparisonRepository(store.index());
        this.files = new ResultFiles(store.dataDir());
        this.settings = settings;
        this.profiles = new ProfileLoader(settings.profilesDir());
        this.listener = listener;
        // Unbounded underneath; the capacity is enforced in submit so that resumed work is never refused.
        this.executor = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Threads.daemon("comparison"));
    }

    /** Queues again what the last process did not finish. */
    public void resumeUnfinished() {
        for (ComparisonRecord r : repository.unfinished()) {
            LOG.info("comparison {} ({} vs {}) was {} when the node stopped: queued again", r.id(), r.baseline(),
                    r.candidate(), r.status());
            repository.markQueued(r.id());
            enqueue(r.id());
        }
    }

    /**
     * Validates and queues a comparison; returns its id.
     *
     * @throws NodeException NOT_FOUND for an unknown state, INVALID for an unknown profile, UNAVAILABLE when the queue is full
     */
    public String submit(String baseline, String candidate, String profileName) {
        for (String s : List.of(baseline, candidate)) {
            if (store.state(s).isEmpty()) {
                throw NodeException.notFound("no state '" + s + "'");
            }
        }
        String profile = profileName == null ? settings.profile() : profileName;
        if (profile.endsWith(".yml") || profile.endsWith(".yaml")) {
            // a REST client must not make the node read arbitrary files
            throw NodeException.invalid("profile must be a profile name, not a file");
        }
        try {
            profiles.load(profile);
        } catch (IllegalArgumentException | IOException e) {
            throw NodeException.invalid("profile '" + profile + "': " + e.getMessage());
        }
        if (waiting.get() >= settings.queueCapacity()) {
            throw NodeException.unavailable("comparison queue full (" + settings.queueCapacity()
                    + " waiting, compare.queueCapacity); retry later");
        }
        String id = UUID.randomUUID().toString();
        repository.insert(id, baseline, candidate, profile);
        enqueue(id);
        LOG.info("comparison {} queued: {} vs {}, profile {}", id, baseline, candidate, profile);
        return id;
    }

    public java.util.Optional<ComparisonRecord> get(String id) {
        return repository.get(id);
    }

    public List<ComparisonRecord> list(int limit) {
        return repository.list(limit);
    }

    public ResultFiles files() {
        return files;
    }

    /** Comparisons waiting for a worker. */
    public int waiting() {
        return waiting.get();
    }

    private void enqueue(String id) {
        waiting.incrementAndGet();
        executor.execute(() -> {
            waiting.decrementAndGet();
            run(id);
        });
    }

    private void run(String id) {
        if (closing) {
            return;
        }
        ComparisonRecord row = repository.get(id).orElse(null);
        if (row == null) {
            return;
        }
        try {
            execute(row);
        } catch (Exception e) {
            // recorded (FAILED, or left RUNNING at shutdown) by execute
        }
    }

    /**
     * Runs a comparison on the caller's thread (a sweep's) and records it like a REST one: a row,
     * the result file, the {@code comparison.finished} event. Not counted against the queue.
     */
    public ComparisonResult compareNow(String baseline, String candidate, String profile) throws IOException {
        String id = UUID.randomUUID().toString();
        repository.insert(id, baseline, candidate, profile);
        LOG.info("comparison {} (sweep): {} vs {}, profile {}", id, baseline, candidate, profile);
        try {
            return execute(repository.get(id).orElseThrow());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Whether a comparison that has not finished reads {@code state} (such a state must stay). */
    /** Also tells {@code l} of every comparison that ends DONE from now on (on the worker thread). */
    public void onDone(Listener l) {
        more.add(l);
    }

    public boolean inUse(String state) {
        return repository.unfinished().stream().anyMatch(r -> r.baseline().equals(state) || r.candidate().equals(state));
    }

    private ComparisonResult execute(ComparisonRecord row) throws Exception {
        String id = row.id();
        repository.markRunning(id);
        try {
            Profile profile = profiles.load(row.profile());
            ComparisonRunner comparator = settings.threads() > 0 ? new ComparisonRunner(profile, settings.threads())
                    : new ComparisonRunner(profile);
            ComparisonResult r = comparator.compare(new StateObjectSource(store, row.baseline()),
                    new StateObjectSource(store, row.candidate()));
            ComparisonResult result = r.withId(id, row.profile());
            files.write(result);
            repository.markDone(id, result.summary(), worstSeverity(result));
            LOG.info("comparison {} done: {} pairs, {} different, {} only in {}, {} only in {}, {} unreadable", id,
                    result.pairs().size(), result.summary().different(), result.summary().onlyInBaseline(),
                    row.baseline(), result.summary().onlyInCandidate(), row.candidate(), result.summary().unreadable());
            ComparisonRecord done = repository.get(id).orElseThrow();
            listener.finished(done, result);
            for (Listener l : more) {
                try {
                    l.finished(done, result);
                } catch (RuntimeException e) {
                    LOG.error("comparison {}: a listener failed: {}", id, e.toString());
                }
            }
            return result;
        } catch (Exception e) {
            if (closing) {
                // left RUNNING on purpose: the next start runs it again
                LOG.info("comparison {} interrupted by shutdown; it runs again on the next start", id);
                throw e;
            }
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            LOG.error("comparison {} failed: {}", id, message);
            repository.markFailed(id, message);
            listener.finished(repository.get(id).orElseThrow(), null);
            throw e;
        }
    }

    /** The result's severity: the worst pair's, NONE when every pair is identical. */
    static String worstSeverity(ComparisonResult result) {
        Severity s = result.severity();
        return s == null ? null : s.name();
    }

    /** Differences by severity name ("none" when the profile rates none), for metrics and events. */
    static Map<String, Long> differencesBySeverity(ComparisonResult result) {
        Map<String, Long> out = new TreeMap<>();
        for (PairResult p : result.pairs()) {
            for (Difference d : p.differences()) {
                out.merge(d.severity() == null ? "none" : d.severity().name(), 1L, Long::sum);
            }
        }
        return out;
    }

    /** Stops taking work and interrupts running comparisons; their rows stay RUNNING and resume on start. */
    @Override
    public void close() {
        closing = true;
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
