package org.qanode.bench;

import org.qanode.account.Secrets;

/**
 * What a BCrypt check costs at each cost factor on this machine (bench/bcrypt-bench.sh): the
 * price of one login and of one first use of a script token, and so how many guesses per
 * second a core can make. Prints one line per cost: median milliseconds of N checks.
 */
public final class BcryptBenchmark {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        for (int cost : new int[] {10, 11, 12, 13}) {
            Secrets s = new Secrets(cost);
            String hash = s.hash("a long password");
            s.matches("a long password", hash); // warm-up
            long[] ms = new long[n];
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                s.matches("a long password", hash);
                ms[i] = (System.nanoTime() - t) / 1_000_000;
            }
            java.util.Arrays.sort(ms);
            System.out.printf("cost %d: median %d ms per check (min %d, max %d, %d checks)%n", cost, ms[n / 2], ms[0],
                    ms[n - 1], n);
        }
    }
}
