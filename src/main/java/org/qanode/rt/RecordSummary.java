package org.qanode.rt;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one treatment record says about delivery: RT Beams / RT Ion Beams Treatment Records (one
 * session per beam, PS3.3 C.8.8.21 / C.8.8.26), RT Brachy Treatment Records (recorded channels,
 * C.8.8.18) or an RT Treatment Summary Record (per fraction group totals, C.8.8.23). The plan is
 * the Referenced RT Plan Sequence of the RT General Treatment Record module (C.8.8.17).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordSummary(String sopInstanceUid, String sopClassUid, String patientId, String patientName,
                            String studyInstanceUid, String referencedPlanUid, Integer referencedFractionGroup,
                            String treatmentDate, List<BeamSession> beamSessions,
                            List<ChannelSession> channelSessions, List<FractionGroupTotal> summaryTotals)
        implements RtObjectSummary {

    /**
     * One beam delivered in one session (an item of the Treatment Session (Ion) Beam Sequence).
     * {@code verificationStatus} is Treatment Verification Status (3008,002C): VERIFIED,
     * VERIFIED_OVR (treated with an override of the R&V system) or NOT_VERIFIED.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BeamSession(Integer beamNumber, String beamName, Integer fraction, String date,
                              String terminationStatus, Double specifiedMeterset, Double deliveredMeterset,
                              String verificationStatus) {
    }

    /** One brachy channel delivered in one session (Recorded Channel Sequence, 3008,0130). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelSession(Integer channel, Integer fraction, String date, String terminationStatus,
                                 Double specifiedTime, Double deliveredTime) {
    }

    /** An item of the Fraction Group Summary Sequence (3008,0220) of a Treatment Summary Record. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FractionGroupTotal(Integer fractionGroup, Integer fractionsPlanned, Integer fractionsDelivered,
                                     String firstTreatmentDate, String mostRecentTreatmentDate) {
    }
}
