package org.qanode.node;

/** Run by {@link DigestClassesSettledTest} in a JVM of its own that logs class loading. */
public final class DigestClassesProbe {
    private DigestClassesProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("--none")) {
            IngestWarmUp.settleDigestClasses();
        }
        System.out.println("settled");
        System.out.flush();
    }
}
