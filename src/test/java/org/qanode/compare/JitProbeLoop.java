package org.qanode.compare;

/**
 * A hot method in the comparator's package, for {@link org.qanode.app.JitDirectivesTest}: the
 * directives give such methods to C2 by their package name.
 */
public final class JitProbeLoop {
    private JitProbeLoop() {
    }

    public static long mix(long seed, int rounds) {
        long s = seed;
        for (int i = 0; i < rounds; i++) {
            s = s * 6364136223846793005L + i ^ (s >>> 29);
        }
        return s;
    }
}
