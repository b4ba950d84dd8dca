package org.qanode.fuzz;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded mutational fuzzer with outcome feedback, not code coverage: a mutant joins the
 * corpus when its outcome is new, i.e. the codec rejected it with a message not seen before
 * (numbers and quoted values removed) or accepted it with a result of a new shape. Cheap, needs
 * no agent, and deterministic for a seed, so a CI failure reproduces with the same count and seed.
 *
 * <p>Every input runs under a time budget: one that returns after using more CPU time than the
 * budget is a finding ("slow"); one still running after five budgets of wall time is reported by
 * a watchdog as a hang, with the worker's stack, and the worker thread is given up (it cannot be
 * stopped). CPU rather than wall time because the machine is shared: a GC pause or a neighbour's
 * build must not fail CI.
 */
public final class MutationalFuzzer {
    private static final int POOL_LIMIT = 4096;
    /** The watchdog calls it a hang at this many budgets of wall time (an input that returns is judged on CPU time). */
    private static final int HANG_FACTOR = 5;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** One distinct finding: the first (minimized) input that showed it and how often it recurred. */
    public record Finding(String key, String description, byte[] input, Throwable thrown, int count) {
    }

    /** The result of a run. */
    public record Report(String target, long inputs, long nanos, int corpusSize, int signatures,
            List<Finding> findings, long slowestNanos) {
        public double inputsPerSecond() {
            return inputs * 1e9 / Math.max(1, nanos);
        }
    }

    private final FuzzTarget target;
    private final long seed;
    private final long budgetNanos;

    private volatile byte[] current;
    private volatile long startedAt;
    private volatile boolean running;

    public MutationalFuzzer(FuzzTarget target, long seed, long perInputBudgetMillis) {
        this.target = target;
        this.seed = seed;
        this.budgetNanos = perInputBudgetMillis * 1_000_000L;
    }

    /** Runs {@code inputs} inputs (seeds first, then mutants) and reports; returns early on a hang. */
    public Report run(long inputs) throws InterruptedException {
        Report[] result = new Report[1];
        Throwable[] crash = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                result[0] = loop(inputs);
            } catch (Throwable t) {
                crash[0] = t;
            }
        }, "fuzz-" + target.name());
        worker.setDaemon(true);
        long t0 = System.nanoTime();
        running = true;
        worker.start();
        while (worker.isAlive()) {
            worker.join(100);
            long started = startedAt;
            byte[] input = current;
            if (running && input != null && started != 0 && System.nanoTime() - started > HANG_FACTOR * budgetNanos
                    && worker.isAlive()) {
                // A hang: report the input with the worker's stack, leave the thread behind.
                Throwable where = new Throwable("input still running after " + HANG_FACTOR * budgetNanos / 1_000_000 + " ms");
                where.setStackTrace(worker.getStackTrace());
                Finding hang = new Finding("hang|" + Oracle.firstProjectFrame(where), "hang: " + where.getMessage(),
                        input, where, 1);
                return new Report(target.name(), -1, System.nanoTime() - t0, 0, 0, List.of(hang), System.nanoTime() - started);
            }
        }
        if (crash[0] != null) {
            throw new IllegalStateException("fuzzer itself failed", crash[0]);
        }
        return result[0];
    }

    private Report loop(long inputs) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Mutator mutator = new Mutator(rnd, target.dictionary(), target.maxLength());
        List<byte[]> seeds = target.seeds();
        if (seeds.isEmpty()) {
            throw new IllegalStateException("no seeds for " + target.name());
        }
        List<byte[]> pool = new ArrayList<>(seeds);
        Set<String> signatures = new HashSet<>();
        Map<String, Finding> findings = new LinkedHashMap<>();
        long slowest = 0;
        long t0 = System.nanoTime();
        long done = 0;
        for (; done < inputs; done++) {
            byte[] input;
            if (done < seeds.size()) {
                input = seeds.get((int) done);
            } else {
                byte[] parent = pool.get(rnd.nextInt(pool.size()));
                byte[] other = pool.get(rnd.nextInt(pool.size()));
                input = mutator.mutate(parent, other);
            }
            current = input;
            long cpuStart = CPU.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            startedAt = start;
            Oracle.Outcome outcome = Oracle.execute(target, input);
            long wall = System.nanoTime() - start;
            startedAt = 0;
            // CPU time, not wall time: on a shared machine a GC pause or a busy neighbour is not the codec's
            long took = wall > budgetNanos ? CPU.getCurrentThreadCpuTime() - cpuStart : wall;
            slowest = Math.max(slowest, took);
            if (took > budgetNanos) {
                outcome = new Oracle.Outcome("slow", new Throwable("took " + took / 1_000_000 + " ms of CPU"),
                        "slow: " + took / 1_000_000 + " ms of CPU for one input");
            }
            if (outcome.isFinding()) {
                String key = Oracle.findingKey(outcome);
                Finding f = findings.get(key);
                if (f == null) {
                    byte[] small = took > budgetNanos ? input : minimize(input, key);
                    findings.put(key, new Finding(key, outcome.finding(), small, outcome.thrown(), 1));
                } else {
                    findings.put(key, new Finding(key, f.description(), f.input(), f.thrown(), f.count() + 1));
                }
            } else if (signatures.add(outcome.signature()) && done >= seeds.size()) {
                if (pool.size() < POOL_LIMIT) {
                    pool.add(input);
                } else {
                    pool.set(seeds.size() + rnd.nextInt(POOL_LIMIT - seeds.size()), input);
                }
            }
        }
        running = false;
        current = null;
        return new Report(target.name(), done, System.nanoTime() - t0, pool.size(), signatures.size(),
                new ArrayList<>(findings.values()), slowest);
    }

    /** Delta debugging light: drops chunks of halving size while the same finding remains. */
    private byte[] minimize(byte[] input, String key) {
        byte[] best = input;
        int budget = 4000;
        for (int chunk = Math.max(1, best.length / 2); chunk >= 1 && budget > 0; chunk /= 2) {
            for (int at = 0; at + chunk <= best.length && budget > 0; ) {
                byte[] candidate = new byte[best.length - chunk];
                System.arraycopy(best, 0, candidate, 0, at);
                System.arraycopy(best, at + chunk, candidate, at, best.length - at - chunk);
                budget--;
                Oracle.Outcome o = Oracle.execute(target, candidate);
                if (o.isFinding() && Oracle.findingKey(o).equals(key)) {
                    best = candidate;
                } else {
                    at += chunk;
                }
            }
        }
        return best;
    }

    /** Writes each finding's input as DIR/TARGET/KIND-HASH.bin (for test-data/fuzz after review). */
    public static List<Path> save(Report report, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        Path d = dir.resolve(report.target());
        Files.createDirectories(d);
        for (Finding f : report.findings()) {
            String[] key = f.key().split("\\|");
            String kind = key[0].split(" ", 2)[0];
            String type = key.length > 1 ? key[1].substring(key[1].lastIndexOf('.') + 1) : "";
            Path p = d.resolve(kind + "-" + type + "-" + Integer.toHexString(Arrays.hashCode(f.input())) + ".bin");
            Files.write(p, f.input());
            written.add(p);
        }
        return written;
    }

    /** One paragraph per finding: description, input in hex, stack trace head. */
    public static String describe(Report report) {
        StringBuilder sb = new StringBuilder();
        sb.append(report.target()).append(": ").append(report.findings().size()).append(" distinct finding(s)\n");
        for (Finding f : report.findings()) {
            sb.append("- ").append(f.description()).append(" (seen ").append(f.count()).append("x)\n  input: ")
                    .append(Oracle.hex(f.input(), 512)).append('\n');
            Throwable t = f.thrown();
            while (t != null) {
                sb.append("  ").append(t).append('\n');
                StackTraceElement[] st = t.getStackTrace();
                for (int i = 0; i < Math.min(st.length, 8); i++) {
                    sb.append("    at ").append(st[i]).append('\n');
                }
                t = t.getCause() == t ? null : t.getCause();
            }
        }
        return sb.toString();
    }
}
