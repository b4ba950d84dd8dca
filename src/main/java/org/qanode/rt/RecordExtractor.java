package org.qanode.rt;

import static org.qanode.rt.SummaryValues.first;
import static org.qanode.rt.SummaryValues.integer;
import static org.qanode.rt.SummaryValues.number;
import static org.qanode.rt.SummaryValues.string;

import java.util.ArrayList;
import java.util.List;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tags;

/** Summarises the treatment records: beams, ion beams, brachy and treatment summary records. */
final class RecordExtractor {
    private RecordExtractor() {
    }

    static RecordSummary summarise(Dataset ds, RtObjects.Kind kind) {
        // C.8.8.17 RT General Treatment Record: Treatment Date (Type 2), Referenced RT Plan Sequence
        String date = string(ds, Tags.TreatmentDate);
        String planUid = string(first(ds.getSequence(Tags.ReferencedRTPlanSequence)), Tags.ReferencedSOPInstanceUID);
        List<RecordSummary.BeamSession> beams = List.of();
        List<RecordSummary.ChannelSession> channels = List.of();
        List<RecordSummary.FractionGroupTotal> totals = List.of();
        switch (kind) {
            case BEAMS_RECORD -> beams = beamSessions(ds.getSequence(Tags.TreatmentSessionBeamSequence), date);
            case ION_BEAMS_RECORD -> beams = beamSessions(ds.getSequence(Tags.TreatmentSessionIonBeamSequence), date);
            case BRACHY_RECORD -> channels = BrachyExtractor.sessions(ds, date);
            case SUMMARY_RECORD -> totals = summaryTotals(ds);
            default -> throw new IllegalArgumentException("not a record: " + kind);
        }
        return new RecordSummary(string(ds, Tags.SOPInstanceUID), string(ds, Tags.SOPClassUID),
                string(ds, Tags.PatientID), PlanExtractor.patientName(ds), string(ds, Tags.StudyInstanceUID), planUid,
                integer(ds, Tags.ReferencedFractionGroupNumber), date, beams, channels, totals);
    }

    /**
     * C.8.8.21 / C.8.8.26: one item per beam treated in the session. The date is the record's
     * Treatment Date, else the first Control Point Delivery's (Treatment Control Point Date).
     */
    private static List<RecordSummary.BeamSession> beamSessions(Sequence seq, String recordDate) {
        List<RecordSummary.BeamSession> out = new ArrayList<>();
        if (seq == null) {
            return out;
        }
        for (Dataset s : seq) {
            String date = recordDate;
            if (date == null) {
                Dataset cp = first(s.getSequence(Tags.ControlPointDeliverySequence));
                if (cp == null) {
                    cp = first(s.getSequence(Tags.IonControlPointDeliverySequence));
                }
                date = string(cp, Tags.TreatmentControlPointDate);
            }
            out.add(new RecordSummary.BeamSession(integer(s, Tags.ReferencedBeamNumber), string(s, Tags.BeamName),
                    integer(s, Tags.CurrentFractionNumber), date, string(s, Tags.TreatmentTerminationStatus),
                    number(s, Tags.SpecifiedPrimaryMeterset), number(s, Tags.DeliveredPrimaryMeterset),
                    string(s, Tags.TreatmentVerificationStatus)));
        }
        return out;
    }

    /** C.8.8.23 RT Treatment Summary Record: per fraction group, planned and delivered fractions. */
    private static List<RecordSummary.FractionGroupTotal> summaryTotals(Dataset ds) {
        List<RecordSummary.FractionGroupTotal> out = new ArrayList<>();
        Sequence seq = ds.getSequence(Tags.FractionGroupSummarySequence);
        String firstDate = string(ds, Tags.FirstTreatmentDate);
        String lastDate = string(ds, Tags.MostRecentTreatmentDate);
        if (seq == null) {
            return out;
        }
        for (Dataset g : seq) {
            out.add(new RecordSummary.FractionGroupTotal(integer(g, Tags.ReferencedFractionGroupNumber),
                    integer(g, Tags.NumberOfFractionsPlanned), integer(g, Tags.NumberOfFractionsDelivered),
                    firstDate, lastDate));
        }
        return out;
    }
}
