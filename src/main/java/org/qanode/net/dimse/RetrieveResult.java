package org.qanode.net.dimse;

import java.util.List;

/**
 * The outcome of a C-MOVE or C-GET (PS3.4 C.4.2 and C.4.3): the final status, the last counts,
 * and the Failed SOP Instance UID List (0008,0058) the SCP returned in the final identifier.
 * Final statuses: Success 0000; Warning B000 (some sub-operations failed); Cancel FE00; Refused
 * A701/A702 (out of resources), A801 (move destination unknown); Failed A900, Cxxx.
 */
public record RetrieveResult(int status, RetrieveProgress counts, List<String> failedSopInstanceUids,
                             String errorComment) {
    public RetrieveResult {
        failedSopInstanceUids = List.copyOf(failedSopInstanceUids);
    }

    public boolean cancelled() {
        return status == DimseStatus.CANCEL;
    }

    /** Success with no failed nor warning sub-operation. */
    public boolean complete() {
        return DimseStatus.isSuccess(status) && counts.failed() <= 0;
    }
}
