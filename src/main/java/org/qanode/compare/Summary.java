package org.qanode.compare;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Counts over the pairs. {@code paired}: pairs with an object on both sides (UNREADABLE ones
 * included); {@code identical + different + onlyInBaseline + onlyInCandidate + unreadable}
 * is the number of pairs.
 */
@JsonPropertyOrder({"baselineObjects", "candidateObjects", "paired", "identical", "different",
        "onlyInBaseline", "onlyInCandidate", "unreadable"})
public record Summary(int baselineObjects, int candidateObjects, int paired, int identical, int different,
                      int onlyInBaseline, int onlyInCandidate, int unreadable) {

    public static Summary of(List<PairResult> pairs) {
        int b = 0;
        int c = 0;
        int paired = 0;
        int[] byStatus = new int[PairStatus.values().length];
        for (PairResult p : pairs) {
            if (p.baselineObject() != null) {
                b++;
            }
            if (p.candidateObject() != null) {
                c++;
            }
            if (p.baselineObject() != null && p.candidateObject() != null) {
                paired++;
            }
            byStatus[p.status().ordinal()]++;
        }
        return new Summary(b, c, paired, byStatus[PairStatus.IDENTICAL.ordinal()], byStatus[PairStatus.DIFFERENT.ordinal()],
                byStatus[PairStatus.ONLY_IN_BASELINE.ordinal()], byStatus[PairStatus.ONLY_IN_CANDIDATE.ordinal()],
                byStatus[PairStatus.UNREADABLE.ordinal()]);
    }

    /** True when the comparison found nothing to report: every pair IDENTICAL. */
    public boolean allIdentical() {
        return different == 0 && onlyInBaseline == 0 && onlyInCandidate == 0 && unreadable == 0;
    }
}
