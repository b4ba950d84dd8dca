package org.qanode.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.qanode.fuzz.FuzzTarget;
import org.qanode.fuzz.MutationalFuzzer;
import org.qanode.fuzz.Oracle;
import org.qanode.fuzz.Targets;

/**
 * Command line of bench/fuzz-bench.sh.
 * <ul>
 * <li>{@code seeds DIR}: writes each target's seed corpus to DIR/TARGET/ (for Jazzer);</li>
 * <li>{@code run TARGET INPUTS SEED}: the seeded mutational fuzzer, one line of results
 * ({@code key=value}), findings written to target/fuzz-findings/TARGET/;</li>
 * <li>{@code replay TARGET FILE...}: one line per input, the finding or the outcome, and the time.</li>
 * </ul>
 */
public final class FuzzBench {
    private FuzzBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "seeds" -> {
                for (String name : Targets.NAMES) {
                    Path dir = Path.of(args[1], name);
                    Files.createDirectories(dir);
                    List<byte[]> seeds = Targets.create(name).seeds();
                    for (int i = 0; i < seeds.size(); i++) {
                        Files.write(dir.resolve(String.format("seed-%04d", i)), seeds.get(i));
                    }
                    System.out.println(name + ": " + seeds.size() + " seeds");
                }
            }
            case "run" -> {
                FuzzTarget target = Targets.create(args[1]);
                long inputs = Long.parseLong(args[2]);
                long seed = Long.parseLong(args[3]);
                MutationalFuzzer.Report r = new MutationalFuzzer(target, seed, 2000).run(inputs);
                List<Path> saved = MutationalFuzzer.save(r, Path.of("target", "fuzz-findings"));
                System.out.printf("target=%s inputs=%d seconds=%.1f per_second=%.0f corpus=%d outcomes=%d slowest_ms=%.1f findings=%d%n",
                        r.target(), r.inputs(), r.nanos() / 1e9, r.inputsPerSecond(), r.corpusSize(), r.signatures(),
                        r.slowestNanos() / 1e6, r.findings().size());
                if (!r.findings().isEmpty()) {
                    System.out.println(MutationalFuzzer.describe(r));
                    System.out.println("saved: " + saved);
                }
                System.exit(r.findings().isEmpty() ? 0 : 1);
            }
            case "replay" -> {
                FuzzTarget target = Targets.create(args[1]);
                for (int i = 2; i < args.length; i++) {
                    long t0 = System.nanoTime();
                    Oracle.Outcome o = Oracle.execute(target, Files.readAllBytes(Path.of(args[i])));
                    System.out.printf("%s: %s in %.1f ms%n", args[i], o.isFinding() ? o.finding() : o.signature(),
                            (System.nanoTime() - t0) / 1e6);
                }
            }
            default -> throw new IllegalArgumentException("seeds DIR | run TARGET INPUTS SEED | replay TARGET FILE...");
        }
    }
}
