package org.qanode.rt;

import static org.qanode.rt.SummaryValues.integer;
import static org.qanode.rt.SummaryValues.itemWith;
import static org.qanode.rt.SummaryValues.number;
import static org.qanode.rt.SummaryValues.string;

import java.util.ArrayList;
import java.util.List;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tags;

/**
 * Brachytherapy in plans (RT Brachy Application Setups, PS3.3 C.8.8.15) and records (RT Brachy
 * Session Record, C.8.8.18): per channel the source, its reference air kerma rate, the setup's
 * total reference air kerma and the channel total time.
 */
final class BrachyExtractor {
    private BrachyExtractor() {
    }

    static List<BrachyChannel> channels(Dataset plan) {
        List<BrachyChannel> out = new ArrayList<>();
        Sequence setups = plan.getSequence(Tags.ApplicationSetupSequence);
        if (setups == null) {
            return out;
        }
        Sequence sources = plan.getSequence(Tags.SourceSequence);
        for (Dataset setup : setups) {
            Sequence channels = setup.getSequence(Tags.ChannelSequence);
            if (channels == null) {
                continue;
            }
            for (Dataset ch : channels) {
                Integer sourceNo = integer(ch, Tags.ReferencedSourceNumber);
                Dataset source = itemWith(sources, Tags.SourceNumber, sourceNo);
                out.add(new BrachyChannel(integer(setup, Tags.ApplicationSetupNumber), integer(ch, Tags.ChannelNumber),
                        sourceNo, string(source, Tags.SourceIsotopeName), number(source, Tags.ReferenceAirKermaRate),
                        number(ch, Tags.ChannelTotalTime), number(setup, Tags.TotalReferenceAirKerma)));
            }
        }
        return out;
    }

    /** C.8.8.18: Treatment Session Application Setup Sequence, one entry per recorded channel. */
    static List<RecordSummary.ChannelSession> sessions(Dataset record, String date) {
        List<RecordSummary.ChannelSession> out = new ArrayList<>();
        Sequence setups = record.getSequence(Tags.TreatmentSessionApplicationSetupSequence);
        if (setups == null) {
            return out;
        }
        for (Dataset setup : setups) {
            Integer fraction = integer(setup, Tags.CurrentFractionNumber);
            String status = string(setup, Tags.TreatmentTerminationStatus);
            Sequence channels = setup.getSequence(Tags.RecordedChannelSequence);
            if (channels == null) {
                continue;
            }
            for (Dataset ch : channels) {
                out.add(new RecordSummary.ChannelSession(integer(ch, Tags.ChannelNumber), fraction, date, status,
                        number(ch, Tags.SpecifiedChannelTotalTime), number(ch, Tags.DeliveredChannelTotalTime)));
            }
        }
        return out;
    }
}
