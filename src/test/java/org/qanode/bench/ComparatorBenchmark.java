package org.qanode.bench;

import org.qanode.result.ComparisonRunner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.qanode.result.ComparisonResult;
import org.qanode.compare.FolderSource;
import org.qanode.compare.Profile;
import org.qanode.compare.ProfileLoader;
import org.qanode.testing.StateGenerator;

/**
 * Comparator benchmark (not a unit test; run by bench/compare-bench.sh). Generates the
 * upgrade scale — N x (1,104 VMAT plans, 2 arcs of 178 control points, 60 leaf pairs; 20
 * fraction records per plan) as a baseline and a benign re-export — then compares them and
 * prints wall time, peak heap and pairs/s. With {@code --dcmdump N} it also times dcmdump of
 * both files + diff on N plan pairs against our single-threaded per-pair cost.
 *
 * <p>With {@code --rt-summary-ab N} it instead runs the comparison 2N times, alternating without
 * and with the RT summary, and prints each wall time and the overhead of the summary (medians).
 *
 * <p>Usage: {@code ComparatorBenchmark DIR SCALE [--dcmdump N] [--no-rt-summary] [--rt-summary-ab N]}
 */
public final class ComparatorBenchmark {
    private ComparatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int scale = Integer.parseInt(args[1]);
        int dcmdumpPairs = intOption(args, "--dcmdump", 0);
        int ab = intOption(args, "--rt-summary-ab", 0);
        boolean rtSummary = !java.util.Arrays.asList(args).contains("--no-rt-summary");
        StateGenerator.Spec spec = new StateGenerator.Spec(1104 * scale, 1, 2, 178, 60, 20);
        Path a = dir.resolve("x" + scale + "/baseline");
        Path b = dir.resolve("x" + scale + "/candidate");
        if (!Files.isDirectory(b)) {
            long g = System.nanoTime();
            StateGenerator.writeBaseline(a, spec);
            StateGenerator.writeCandidate(b, spec);
            System.out.printf("generated %d objects per side in %.1f s%n", spec.objects(), (System.nanoTime() - g) / 1e9);
        }
        System.out.printf("size: baseline %d MB, candidate %d MB%n", size(a) >> 20, size(b) >> 20);
        Profile upgrade = new ProfileLoader(null).load("upgrade");
        if (ab > 0) {
            rtSummaryOverhead(a, b, upgrade, ab);
            return;
        }
        System.gc();
        resetPeaks();
        long t0 = System.nanoTime();
        ComparisonResult r = new ComparisonRunner(upgrade, Runtime.getRuntime().availableProcessors(), rtSummary)
                .compare(new FolderSource(a, "pre"), new FolderSource(b, "post"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        int pairs = r.pairs().size();
        System.out.printf("compare x%d%s: %d pairs (%d identical, %d different) in %.1f s = %.0f pairs/s, peak heap %d MB, "
                        + "max heap %d MB, %d cores%n", scale, rtSummary ? " with RT summary" : " without RT summary", pairs, r.summary().identical(), r.summary().different(), seconds,
                pairs / seconds, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        if (dcmdumpPairs > 0) {
            dcmdumpRatio(a, b, dcmdumpPairs, upgrade);
        }
    }

    /** Alternates runs without and with the RT summary (after one warm-up of each) and prints the medians. */
    private static void rtSummaryOverhead(Path a, Path b, Profile profile, int n) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        double[][] t = new double[2][n];
        double[][] cpu = new double[2][n];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = -1; i < n; i++) {
            for (int with = 0; with < 2; with++) {
                System.gc();
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                ComparisonResult r = new ComparisonRunner(profile, cores, with == 1)
                        .compare(new FolderSource(a, "pre"), new FolderSource(b, "post"));
                double s = (System.nanoTime() - t0) / 1e9;
                double c = (os.getProcessCpuTime() - c0) / 1e9;
                System.out.printf("run %d %s RT summary: %.2f s wall, %.2f s CPU (%d pairs%s)%n", i,
                        with == 1 ? "with" : "without", s, c, r.pairs().size(),
                        r.rtSummary() == null ? "" : ", " + r.rtSummary().plans() + " plans summarised");
                if (i >= 0) {
                    t[with][i] = s;
                    cpu[with][i] = c;
                }
            }
        }
        for (double[] x : new double[][] {t[0], t[1], cpu[0], cpu[1]}) {
            java.util.Arrays.sort(x);
        }
        System.out.printf("median of %d: wall without %.2f s, with %.2f s (%+.1f %%); CPU without %.2f s, with %.2f s "
                        + "(%+.1f %%); peak heap %d MB%n", n, t[0][n / 2], t[1][n / 2], (t[1][n / 2] / t[0][n / 2] - 1) * 100,
                cpu[0][n / 2], cpu[1][n / 2], (cpu[1][n / 2] / cpu[0][n / 2] - 1) * 100, peakHeap() >> 20);
    }

    private static int intOption(String[] args, String name, int defaultValue) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return defaultValue;
    }

    /** Per-pair cost on N plan pairs: ours single-threaded vs dcmdump both files + diff. */
    private static void dcmdumpRatio(Path a, Path b, int n, Profile profile) throws Exception {
        Path sa = Files.createDirectories(a.resolveSibling("sub-a"));
        Path sb = Files.createDirectories(b.resolveSibling("sub-b"));
        List<Path[]> pairs = new ArrayList<>();
        for (int p = 1; pairs.size() < n; p++) {
            String pid = String.format("QA%06d", p);
            try (Stream<Path> s = Files.list(b.resolve(pid))) {
                Path cand = s.filter(f -> f.getFileName().toString().equals("export_1.DCM")).findFirst().orElseThrow();
                Path base = null;
                try (Stream<Path> all = Files.list(a)) {
                    String uid = org.qanode.testing.RtObjects.planUid(p, 1);
                    base = all.filter(f -> f.getFileName().toString().equals("RP." + uid + ".dcm")).findFirst().orElseThrow();
                }
                pairs.add(new Path[] {base, cand});
                Files.copy(base, sa.resolve(p + ".dcm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.copy(cand, sb.resolve(p + ".dcm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ComparisonRunner single = new ComparisonRunner(profile, 1);
        single.compare(new FolderSource(sa), new FolderSource(sb)); // warm-up
        long t0 = System.nanoTime();
        single.compare(new FolderSource(sa), new FolderSource(sb));
        double ours = (System.nanoTime() - t0) / 1e9 / n;
        long t1 = System.nanoTime();
        for (Path[] p : pairs) {
            Process proc = new ProcessBuilder("bash", "-c", "diff <(dcmdump +L \"$1\") <(dcmdump +L \"$2\") > /dev/null; true",
                    "x", p[0].toString(), p[1].toString()).inheritIO().start();
            proc.waitFor();
        }
        double dump = (System.nanoTime() - t1) / 1e9 / n;
        System.out.printf("per plan pair (%d pairs): qanode %.2f ms single-threaded, dcmdump x2 + diff %.2f ms, ratio %.1fx%n",
                n, ours * 1e3, dump * 1e3, dump / ours);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any one time. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
