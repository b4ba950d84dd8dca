package org.qanode.rt;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where one beam's MLC leaf positions differ between baseline and candidate, leaf by leaf and
 * control point by control point: what the reports print as "leaf B31: 12.30 -> 12.40 mm" and draw
 * as a heat map (leaf x control point). Positions in force are compared, so a position carried
 * over from an earlier control point (PS3.3 C.8.8.14.5) counts where it applies.
 *
 * <p>Leaf names follow Leaf/Jaw Positions (300A,011C) (PS3.3 C.8.8.14.6): the first
 * {@code leafPairs} values are bank A (leaf 1 upward), the next {@code leafPairs} bank B.
 *
 * @param device        RT Beam Limiting Device Type (MLCX, MLCY) of the first change
 * @param leafPairs     leaf pairs of that device (half the number of Leaf/Jaw Positions values)
 * @param controlPoints control points of the baseline beam (the heat map's columns)
 * @param total         number of changed leaf positions; {@code changes} holds at most {@link #LIMIT}
 * @param changes       the changes in control point, then leaf order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MlcChanges(String device, int leafPairs, int controlPoints, int total, List<LeafChange> changes) {
    /** Enough for any seeded or accidental edit; a whole-field shift is summarised by its total. */
    public static final int LIMIT = 2000;

    public MlcChanges {
        changes = changes == null ? List.of() : changes;
    }

    /**
     * One leaf position that differs.
     *
     * @param controlPoint Control Point Index (300A,0112): counts from 0, unlike tag-path item numbers
     * @param leaf         bank and 1-based leaf number, e.g. "B31"
     * @param index        0-based position of the value in Leaf/Jaw Positions
     */
    public record LeafChange(int controlPoint, String leaf, int index, double baseline, double candidate) {
        public double difference() {
            return Math.abs(candidate - baseline);
        }
    }
}
