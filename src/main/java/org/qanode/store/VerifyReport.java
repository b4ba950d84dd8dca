package org.qanode.store;

import java.util.List;

/**
 * The outcome of {@link StateStore#verify}: how many indexed files were hashed, and every
 * problem found. With repair, {@code repaired} says what was done about each.
 */
public record VerifyReport(String state, int checked, List<Problem> problems, boolean repaired) {

    public enum Kind {
        /** An index row whose file is not there. */
        MISSING,
        /** A file whose data set bytes no longer hash to the index's SHA-256. */
        CORRUPTED,
        /** A file in the state's folder that no index row names. */
        UNINDEXED,
        /** A staging file left by a transfer that never completed (e.g. a crash). */
        STALE_TEMP,
        /**
         * A {@code .part} file (bytes of a transfer still arriving) that no process is writing:
         * left by kill -9 or a power loss, whatever its age.
         */
        PARTIAL
    }

    /** {@code sopInstanceUid} is null when unknown (an unreadable unindexed file). */
    public record Problem(Kind kind, String sopInstanceUid, String path, String detail) {
    }

    public boolean clean() {
        return problems.isEmpty();
    }
}
