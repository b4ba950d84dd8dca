package org.qanode.qarecord;

import java.io.IOException;
import org.qanode.result.ComparisonResult;

/** Reads a finished comparison's result when a delivery is built (the node's result files). */
@FunctionalInterface
public interface ResultSource {
    ComparisonResult load(String comparisonId) throws IOException;
}
