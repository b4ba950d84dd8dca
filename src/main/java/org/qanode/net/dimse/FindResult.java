package org.qanode.net.dimse;

import java.util.List;
import org.qanode.dicom.Dataset;

/**
 * The outcome of a C-FIND (PS3.4 C.4.1): the identifiers of the pending responses, the final
 * status (Success, Cancel, or a failure such as A700 or C000 with its error comment).
 */
public record FindResult(int status, List<Dataset> matches, String errorComment) {
    public FindResult {
        matches = List.copyOf(matches);
    }

    public boolean success() {
        return DimseStatus.isSuccess(status);
    }

    public boolean cancelled() {
        return status == DimseStatus.CANCEL;
    }
}
