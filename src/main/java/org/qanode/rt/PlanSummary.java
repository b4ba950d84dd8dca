package org.qanode.rt;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one RT Plan, RT Ion Plan or brachy RT Plan says, reduced to the values a physicist signs
 * off (RT General Plan C.8.8.9, Approval C.8.8.16, Fraction Scheme C.8.8.13, RT Beams C.8.8.14 /
 * RT Ion Beams C.8.8.25, RT Brachy Application Setups C.8.8.15). Small: no control point data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanSummary(String sopInstanceUid, String sopClassUid, String patientId, String patientName,
                          String studyInstanceUid, String studyId, String label, String name, String date,
                          String time, String approvalStatus, List<FractionGroup> fractionGroups,
                          List<BeamParameters> beams, List<BrachyChannel> brachyChannels) implements RtObjectSummary {

    /** Fractions planned over all fraction groups (sequential groups, e.g. a boost, add up). */
    public Integer fractionsPlanned() {
        Integer sum = null;
        for (FractionGroup g : fractionGroups) {
            if (g.fractionsPlanned() != null) {
                sum = (sum == null ? 0 : sum) + g.fractionsPlanned();
            }
        }
        return sum;
    }

    public BeamParameters beam(Integer number) {
        for (BeamParameters b : beams) {
            if (number != null && number.equals(b.number())) {
                return b;
            }
        }
        return null;
    }

    public FractionGroup fractionGroup(Integer number) {
        for (FractionGroup g : fractionGroups) {
            if (number != null && number.equals(g.number())) {
                return g;
            }
        }
        return null;
    }
}
