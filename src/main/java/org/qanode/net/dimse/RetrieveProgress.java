package org.qanode.net.dimse;

/**
 * Sub-operation counts of a C-MOVE or C-GET response (PS3.7 9.3.4.2 and 9.3.3.2): Number of
 * Remaining (0000,1020), Completed (0000,1021), Failed (0000,1022) and Warning (0000,1023)
 * Sub-operations; -1 where the response left one out (allowed in a final response).
 */
public record RetrieveProgress(int remaining, int completed, int failed, int warning) {

    static RetrieveProgress of(Command rsp) {
        return new RetrieveProgress(rsp.remainingSuboperations(), rsp.completedSuboperations(),
                rsp.failedSuboperations(), rsp.warningSuboperations());
    }

    /** Sub-operations the SCP reported in all: remaining + completed + failed + warning. */
    public int total() {
        return Math.max(0, remaining) + Math.max(0, completed) + Math.max(0, failed) + Math.max(0, warning);
    }
}
