package org.qanode.compare;

/** Told how far a comparison is; called from worker threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} pairs compared (objects read and diffed). */
    void pairsCompared(int done, int total);
}
