package org.qanode.node;

import org.qanode.util.Threads;
import org.qanode.metrics.NodeMetrics;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ArrayBlockingQueue;
import org.qanode.compare.ProfileLoader;
import org.qanode.store.StateStore;
import org.qanode.sweep.CronSchedule;
import org.qanode.sweep.SweepHistory;
import org.qanode.sweep.SweepRecord;
import org.qanode.sweep.SweepRunner;
import org.qanode.sweep.SweepScheduler;
import org.qanode.sweep.SweepSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly sweep inside the node: the {@link SweepScheduler} ticking every minute, on-demand
 * runs over REST, the history (DATA_DIR/sweeps.json). The export goes through the
 * {@link ExportService} (listed under /api/v1/exports), the comparison through the
 * {@link ComparisonService} (listed under /api/v1/comparisons, {@code comparison.finished}
 * webhook with the profile's severity), and the end of each run is a {@code sweep.finished} event.
 * Each run starts with the node's self-check ({@link SelfCheckService#runForSweep}) under the sweep's profile.
 */
public final class SweepService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SweepService.class);
    static final long TICK_SECONDS = 60;

    private final SweepRunner runner;
    private final SweepHistory history;
    private final SweepScheduler scheduler;
    private final ThreadPoolExecutor executor;

    private SweepService(SweepRunner runner, SweepHistory history, SweepScheduler scheduler,
            ThreadPoolExecutor executor) {
        this.runner = runner;
        this.history = history;
        this.scheduler = scheduler;
        this.executor = executor;
    }

    /** {@code settings} null: no sweep configured, the history (if any) is still served. */
    public static SweepService create(SweepSettings settings, StateStore store, ExportService exports,
            ComparisonService comparisons, NodeEvents events, NodeMetrics metrics, Clock clock, ZoneId zone,
            SelfCheckService selftest) {
        SweepHistory history = new SweepHistory(store.dataDir().resolve("sweeps.json"));
        if (settings == null) {
            return new SweepService(null, history, null, null);
        }
        // One run at a time (the runner refuses overlap); the small queue only absorbs the moment
        // between a run ending and its thread becoming free.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2),
                Threads.daemon("sweep"));
        SweepRunner runner = new SweepRunner(settings, store, request -> {
            try {
                return exports.runNow(request);
            } catch (NodeException e) {
                // the sweep records it as a FAILED run with this reason
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }, new ProfileLoader(null), history,
                (record, result) -> {
                    metrics.sweepFinished(record.status());
                    events.sweepFinished(record);
                },
                comparisons::inUse, clock, zone, comparisons::compareNow, selftest::runForSweep);
        SweepScheduler scheduler = new SweepScheduler(CronSchedule.parse(settings.schedule()), runner, history, clock,
                zone, task -> {
                    try {
                        executor.execute(task);
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        LOG.warn("scheduled sweep skipped: one is running");
                    }
                });
        return new SweepService(runner, history, scheduler, executor);
    }

    /**
     * Starts ticking, and runs a sweep missed while the node was down. Called once the DICOM
     * listener is up: the ROIS's C-STOREs need somewhere to go.
     */
    public void schedule() {
        if (scheduler != null) {
            scheduler.start(TICK_SECONDS);
            scheduler.catchUp();
        }
    }

    public boolean configured() {
        return runner != null;
    }

    /**
     * Starts a sweep now; its id (the state name).
     *
     * @throws NodeException NOT_FOUND when no sweep is configured, CONFLICT when one is running
     */
    public String runNow() {
        if (runner == null) {
            throw NodeException.notFound("no sweep: section in the configuration");
        }
        Optional<String> id;
        try {
            id = runner.start("api", executor);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            id = Optional.empty();
        }
        return id.orElseThrow(() -> NodeException.conflict("a sweep is running; wait for it to finish"));
    }

    public List<SweepRecord> history() {
        return history.all();
    }

    public Optional<SweepRecord> get(String id) {
        return history.get(id);
    }

    public String nextRun() {
        return scheduler == null ? null : scheduler.nextFire().toOffsetDateTime().toString();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
