package org.qanode.rt;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Control-point level differences of one beam between the baseline and candidate versions of a
 * plan: what a tag-path list shows as hundreds of lines, reduced to the worst case of each kind.
 * Positions not restated at a control point carry over from the previous one (PS3.3 C.8.8.14.5).
 *
 * @param maxMlcDifference         mm, over all leaves of all MLC devices and control points
 * @param mlcLeaf                  where: bank A or B and 1-based leaf pair, e.g. "B17"
 * @param mlcControlPoint          Control Point Index of that worst leaf
 * @param maxMetersetWeightDifference percent of the final cumulative meterset weight
 * @param maxAngleDifference       degrees, the smaller way round the circle
 * @param angle                    gantry, collimator or couch
 * @param unmatchedControlPoints   control points present on one side only
 * @param mlcChanges               every differing leaf position (up to a limit), for the leaf list and heat map
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BeamMetrics(Integer beamNumber, Double maxMlcDifference, String mlcDevice, String mlcLeaf,
                          Integer mlcControlPoint, Double maxMetersetWeightDifference,
                          Integer metersetWeightControlPoint, Double maxAngleDifference, String angle,
                          Integer angleControlPoint, int unmatchedControlPoints, MlcChanges mlcChanges) {

    /** True when nothing at control-point level differs. */
    public boolean none() {
        return zero(maxMlcDifference) && zero(maxMetersetWeightDifference) && zero(maxAngleDifference)
                && unmatchedControlPoints == 0;
    }

    private static boolean zero(Double d) {
        return d == null || d == 0;
    }
}
