package org.qanode.fuzz;

/**
 * Entry point for Jazzer's standalone driver (coverage-guided, libFuzzer underneath), used by
 * bench/fuzz-bench.sh: {@code -Dqanode.fuzz.target=NAME} picks the target. An input that breaks
 * the contract throws {@link Oracle.Finding}, which Jazzer records as a crash; hangs are
 * libFuzzer's {@code -timeout}.
 */
public final class JazzerEntry {
    private static FuzzTarget target;

    private JazzerEntry() {
    }

    public static void fuzzerInitialize() {
        target = Targets.create(System.getProperty("qanode.fuzz.target", "pdu"));
        // Load (and so instrument) the decoder's classes before libFuzzer's per-input clock runs:
        // instrumenting them inside the first input looked like a hang on a busy machine.
        for (byte[] seed : target.seeds()) {
            Oracle.execute(target, seed);
        }
        Oracle.execute(target, new byte[0]);
    }

    public static void fuzzerTestOneInput(byte[] data) {
        Oracle.check(target, data);
    }
}
