package org.qanode.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.ingest.StateStoreSink;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.testing.RtObjects;

/**
 * Benchmark (not a test; bench/ingest-cpu.sh runs it): CPU per stored object of the state store
 * alone, no network. Small RT plans with new UIDs are fed through {@link StateStoreSink} by
 * THREADS threads (like that many associations), after a warm-up. It reports CPU time, not
 * wall time, so that a loaded machine changes the result little: the CPU of the
 * {@code store-commit} thread (all of the index SQL, file moves, fsync calls) and of the whole
 * process (JIT and GC included), each per object. Usage:
 * {@code IngestCpuBench DIR WARM N THREADS}.
 */
public final class IngestCpuBench {
    private IngestCpuBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int warm = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        Files.createDirectories(dir);
        List<Feed> feeds = new ArrayList<>();
        for (int i = 0; i < warm + n; i++) {
            feeds.add(Feed.of(RtObjects.vmatPlan(100_000 + i, 1, 1, 2, 2), TransferSyntax.EXPLICIT_LE));
        }
        ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (StateStore store = StateStore.open(dir.resolve("data"), StateStore.defaultIndexUrl(dir.resolve("data")))) {
            run(store, pool, feeds.subList(0, warm));
            long commitId = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("store-commit")).findFirst().orElseThrow().getId();
            long groups0 = store.commits().groups();
            long commit0 = tmx.getThreadCpuTime(commitId);
            long proc0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            run(store, pool, feeds.subList(warm, warm + n));
            long wall = System.nanoTime() - wall0;
            long proc = os.getProcessCpuTime() - proc0;
            long commit = tmx.getThreadCpuTime(commitId) - commit0;
            long groups = store.commits().groups() - groups0;
            System.out.printf(Locale.ROOT, "objects %d threads %d groups %d (%.2f per group) wall %.1f s load %s%n",
                    n, threads, groups, (double) n / groups, wall / 1e9,
                    Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf(Locale.ROOT, "cpu per object: store-commit thread %.3f ms, process %.3f ms%n",
                    commit / 1e6 / n, proc / 1e6 / n);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void run(StateStore store, ExecutorService pool, List<Feed> feeds) throws Exception {
        List<Future<Integer>> out = new ArrayList<>();
        for (Feed f : feeds) {
            out.add(pool.submit(() -> f.sendTo(new StateStoreSink(store, ctx -> "bench"), "QA")));
        }
        for (Future<Integer> f : out) {
            int status = f.get();
            if (status != DimseStatus.SUCCESS) {
                throw new IllegalStateException("store failed with status " + Integer.toHexString(status));
            }
        }
    }
}
