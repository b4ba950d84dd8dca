package org.qanode.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 in CI: each decoder gets a bounded number of seeded mutational inputs (default
 * 100,000; {@code -Dqanode.fuzz.inputs=N}, {@code -Dqanode.fuzz.seed=S}). Every input must end
 * in a result or the codec's own exception, within 2 s, with every buffer released. Findings are
 * minimized and written to target/fuzz-findings/TARGET/. The four targets run side by side on
 * {@code qanode.fuzz.threads} threads (default 2, the machine's cores), longest first; each test
 * waits for its own. The long runs are bench/fuzz-bench.sh (docs/reliability.md).
 */
class FuzzTest {
    static final long INPUTS = Long.getLong("qanode.fuzz.inputs", 100_000);
    static final long SEED = Long.getLong("qanode.fuzz.seed", 11);
    static final long BUDGET_MILLIS = Long.getLong("qanode.fuzz.budgetMillis", 2000);
    static final int THREADS = Integer.getInteger("qanode.fuzz.threads", 2);

    private static final Map<String, Future<MutationalFuzzer.Report>> RUNS = new ConcurrentHashMap<>();
    private static ExecutorService pool;

    @BeforeAll
    static void startAll() {
        pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "fuzz-test");
            t.setDaemon(true);
            return t;
        });
        for (String name : new String[] {"part10", "json", "dimse", "pdu"}) {
            RUNS.put(name, pool.submit(() -> new MutationalFuzzer(Targets.create(name), SEED, BUDGET_MILLIS).run(INPUTS)));
        }
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void pduDecoder() throws Exception {
        check("pdu");
    }

    @Test
    void dimseCommandReader() throws Exception {
        check("dimse");
    }

    @Test
    void part10Reader() throws Exception {
        check("part10");
    }

    @Test
    void jsonReader() throws Exception {
        check("json");
    }

    private static void check(String name) throws Exception {
        MutationalFuzzer.Report r = RUNS.get(name).get();
        MutationalFuzzer.save(r, Path.of("target", "fuzz-findings"));
        System.out.printf("fuzz %s: %d inputs in %.1f s (%.0f/s), corpus %d, %d outcomes, slowest %.1f ms, %d finding(s)%n",
                name, r.inputs(), r.nanos() / 1e9, r.inputsPerSecond(), r.corpusSize(), r.signatures(),
                r.slowestNanos() / 1e6, r.findings().size());
        assertThat(r.findings()).as(MutationalFuzzer.describe(r)).isEmpty();
        assertThat(r.inputs()).isEqualTo(INPUTS);
    }
}
