package org.qanode.compare;

/**
 * How much a difference or a pair matters, in increasing order; profiles assign them.
 * {@link #NONE} is only the verdict of a comparison in which every pair is IDENTICAL: a profile
 * cannot give it to a difference or a pair (ARCHITECTURE.md, "Web UI and sign-off").
 */
public enum Severity {
    NONE, INFO, WARNING, ALERT;

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
