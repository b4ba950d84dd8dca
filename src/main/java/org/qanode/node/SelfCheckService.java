package org.qanode.node;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.qanode.compare.Profile;
import org.qanode.compare.ProfileLoader;
import org.qanode.metrics.NodeMetrics;
import org.qanode.selftest.SelfCheck;
import org.qanode.util.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-check run once when the node starts (issue 13), on a daemon thread so that the node
 * does not wait for it: the {@code upgrade} profile as the node would load it (compare.profilesDir,
 * then the bundled copy). Its last result is exposed as {@code qanode_selftest_ok} (1/0) and
 * {@code qanode_selftest_timestamp_seconds} (both NaN until the first run has finished) and in
 * health's {@code selftest}; it does not change readiness: a failed check does not stop the node
 * from receiving objects, it says that its comparisons cannot be trusted.
 */
public final class SelfCheckService {
    private static final Logger LOG = LoggerFactory.getLogger(SelfCheckService.class);
    static final String PROFILE = "upgrade";

    private final CompletableFuture<SelfCheck.Result> last = new CompletableFuture<>();

    SelfCheckService(NodeMetrics metrics) {
        metrics.gauge("qanode_selftest_ok", "1 when the last self-check (qanode selftest) found exactly its seeded changes, else 0",
                () -> latest().map(r -> r.ok() ? 1.0 : 0.0).orElse(Double.NaN));
        metrics.gauge("qanode_selftest_timestamp_seconds", "when the last self-check ran (Unix time)",
                () -> latest().map(r -> r.at().toEpochMilli() / 1000.0).orElse(Double.NaN));
    }

    /** Starts the one run of this node. */
    void start(CompareSettings settings) {
        Threads.daemonThread("qanode-selftest", () -> last.complete(run(settings))).start();
    }

    static SelfCheck.Result run(CompareSettings settings) {
        SelfCheck.Result r;
        try {
            Profile p = new ProfileLoader(settings.profilesDir()).load(PROFILE);
            r = new SelfCheck(p, 1).run();
        } catch (Exception | LinkageError e) {
            r = SelfCheck.Result.error(Instant.now(), PROFILE, e.getMessage() != null ? e.getMessage() : e.toString());
        }
        if (r.ok()) {
            LOG.info("{}", r.lines().get(0));
        } else {
            r.lines().forEach(l -> LOG.error("{}", l));
        }
        return r;
    }

    /** The result of the last run, empty while it runs. */
    public Optional<SelfCheck.Result> latest() {
        return Optional.ofNullable(last.getNow(null));
    }

    /** Completes with the run's result (for tests and callers that need to wait for it). */
    public CompletableFuture<SelfCheck.Result> result() {
        return last;
    }
}
