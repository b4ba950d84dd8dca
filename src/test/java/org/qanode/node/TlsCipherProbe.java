package org.qanode.node;

/**
 * Run by {@link TlsCipherWarmUpTest} in a JVM of its own with {@code -Xbatch -XX:+PrintCompilation}:
 * the TLS cipher warm-up, then a line "settled" (with {@code --none}, the line alone).
 */
public final class TlsCipherProbe {
    private TlsCipherProbe() {
    }

    public static void main(String[] args) {
        int intact = args.length > 0 && args[0].equals("--none") ? 0 : TlsCipherWarmUp.run();
        System.out.println();
        System.out.println("settled " + intact);
    }
}
