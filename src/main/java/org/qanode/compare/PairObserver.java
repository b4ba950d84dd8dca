package org.qanode.compare;

import org.qanode.dicom.Dataset;

/**
 * Sees each pair as soon as it is compared, with the data sets the comparator read for it (null
 * for a side that is missing or could not be read), on the worker thread that compared it.
 * Implementations must be thread-safe and must not keep the data sets beyond the call.
 */
@FunctionalInterface
public interface PairObserver {
    PairObserver NONE = (result, baseline, candidate) -> { };

    void compared(PairResult result, Dataset baseline, Dataset candidate);
}
