package org.qanode.rt;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One item of the Fraction Group Sequence (PS3.3 C.8.8.13 Fraction Scheme): the prescription as
 * fractions planned and, per referenced beam, the dose and meterset of one fraction.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FractionGroup(Integer number, Integer fractionsPlanned, List<ReferencedBeam> beams,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> brachyApplicationSetups) {

    /** An item of the Referenced Beam Sequence (300C,0004). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReferencedBeam(Integer beamNumber, Double beamDose, Double meterset) {
    }

    /** Sum of the beam doses of one fraction, or null when no beam states a dose. */
    public Double dosePerFraction() {
        Double sum = null;
        for (ReferencedBeam b : beams) {
            if (b.beamDose() != null) {
                sum = (sum == null ? 0 : sum) + b.beamDose();
            }
        }
        return sum;
    }
}
