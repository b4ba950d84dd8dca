package org.qanode.node;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.qanode.compare.ProfileLoader;
import org.qanode.metrics.NodeMetrics;
import org.qanode.selftest.SelfCheck;
import org.qanode.util.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in self-check of the node (issue 13): once when the node starts, on a daemon thread so
 * that the node does not wait for it (the {@code upgrade} profile as the node would load it:
 * compare.profilesDir, then the bundled copy), and again at the start of every sweep with the
 * sweep's profile ({@link #runForSweep}). The latest result is exposed as {@code qanode_selftest_ok}
 * (1/0) and {@code qanode_selftest_timestamp_seconds} (NaN until the first run has finished), in
 * health's {@code selftest} (a failed check makes health {@code DEGRADED}), on the UI dashboard,
 * and a failed run is a {@code selftest.failed} ALERT event. It does not change readiness: a failed
 * check does not stop the node from receiving objects, it says that its comparisons cannot be trusted.
 */
public final class SelfCheckService {
    private static final Logger LOG = LoggerFactory.getLogger(SelfCheckService.class);
    static final String PROFILE = "upgrade";

    private final CompletableFuture<SelfCheck.Result> first = new CompletableFuture<>();
    private final AtomicReference<SelfCheck.Result> latest = new AtomicReference<>();
    private final NodeEvents events;
    private volatile Path profilesDir;

    SelfCheckService(NodeMetrics metrics, NodeEvents events) {
        this.events = events;
        metrics.gauge("qanode_selftest_ok", "1 when the last self-check (at start or in a sweep) found exactly its seeded changes, else 0",
                () -> latest().map(r -> r.ok() ? 1.0 : 0.0).orElse(Double.NaN));
        metrics.gauge("qanode_selftest_timestamp_seconds", "when the last self-check ran (Unix time)",
                () -> latest().map(r -> r.at().toEpochMilli() / 1000.0).orElse(Double.NaN));
    }

    /** Starts the run at node start. */
    void start(CompareSettings settings) {
        profilesDir = settings.profilesDir();
        Threads.daemonThread("qanode-selftest", () -> first.complete(record(run(settings), "node start"))).start();
    }

    static SelfCheck.Result run(CompareSettings settings) {
        return SelfCheck.run(new ProfileLoader(settings.profilesDir()), PROFILE, 1);
    }

    /**
     * Runs the check with the sweep's profile on the caller's thread and records it like the
     * start-up run (metrics, health, dashboard, ALERT event when it fails).
     */
    public SelfCheck.Result runForSweep(String profile) {
        return record(SelfCheck.run(new ProfileLoader(profilesDir), profile, 1), "sweep");
    }

    private SelfCheck.Result record(SelfCheck.Result r, String context) {
        // keep the most recent: the start-up run and a sweep's may overlap
        latest.accumulateAndGet(r, (old, now) -> old == null || !now.at().isBefore(old.at()) ? now : old);
        if (r.ok()) {
            LOG.info("{} ({})", r.lines().get(0), context);
        } else {
            r.lines().forEach(l -> LOG.error("{} ({})", l, context));
            try {
                events.selfCheckFailed(r, context);
            } catch (RuntimeException e) {
                // the outbox failing must not take the sweep down; the log, metric and health still say it
                LOG.error("selftest.failed event could not be queued: {}", e.toString());
            }
        }
        return r;
    }

    /** The result of the most recent run, empty until the first has finished. */
    public Optional<SelfCheck.Result> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** Completes with the start-up run's result (for tests and callers that need to wait for it). */
    public CompletableFuture<SelfCheck.Result> result() {
        return first;
    }
}
