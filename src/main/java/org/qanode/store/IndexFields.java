package org.qanode.store;

import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;

/**
 * The attributes of a received object that the index keeps for filtering and pairing,
 * read from its header. Values longer than their column (only possible in non-conformant
 * data) are cut to fit; the file keeps the full value.
 */
public record IndexFields(
        String sopClassUid,
        String patientId,
        String patientName,
        String studyInstanceUid,
        String seriesInstanceUid,
        String modality,
        String rtPlanLabel,
        String rtPlanDate,
        String referencedPlanUid) {

    /** Nothing known beyond what the C-STORE command said. */
    public static IndexFields onlySopClass(String sopClassUid) {
        return new IndexFields(clip(sopClassUid, 64), null, null, null, null, null, null, null, null);
    }

    /**
     * Reads the fields; the SOP Class UID falls back to the command's when the data set has
     * none. The referenced plan is the first item of Referenced RT Plan Sequence: present in
     * treatment records (whose plan it names) and in doses and images.
     */
    public static IndexFields of(Dataset ds, String commandSopClassUid) {
        Dataset refPlan = ds.getNestedDataset(Tags.ReferencedRTPlanSequence);
        return new IndexFields(
                clip(Values.first(ds, Tags.SOPClassUID) != null ? Values.first(ds, Tags.SOPClassUID) : commandSopClassUid, 64),
                clip(Values.first(ds, Tags.PatientID), 64),
                clip(Values.whole(ds, Tags.PatientName), 256),
                clip(Values.first(ds, Tags.StudyInstanceUID), 64),
                clip(Values.first(ds, Tags.SeriesInstanceUID), 64),
                clip(Values.first(ds, Tags.Modality), 16),
                clip(Values.first(ds, Tags.RTPlanLabel), 64),
                clip(Values.first(ds, Tags.RTPlanDate), 16),
                refPlan == null ? null : clip(Values.first(refPlan, Tags.ReferencedSOPInstanceUID), 64));
    }

    static String clip(String s, int max) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max);
    }
}
