package org.qanode.compare;

/** How much a difference or a pair matters, in increasing order; profiles assign them. */
public enum Severity {
    INFO, WARNING, ALERT;

    public static Severity max(Severity a, Severity b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
