package org.qanode.rt;

import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.UIDs;

/** Entry point of the extraction: which RT object a data set is, and its summary. */
public final class RtObjects {
    private RtObjects() {
    }

    /** The RT objects the summary understands, by SOP Class (PS3.4 B.5). */
    public enum Kind { PLAN, ION_PLAN, BEAMS_RECORD, ION_BEAMS_RECORD, BRACHY_RECORD, SUMMARY_RECORD }

    /** The kind for a SOP Class UID, or null for anything the summary does not cover. */
    public static Kind kindOf(String sopClassUid) {
        if (sopClassUid == null) {
            return null;
        }
        return switch (sopClassUid) {
            case UIDs.RTPlanStorage -> Kind.PLAN;
            case UIDs.RTIonPlanStorage -> Kind.ION_PLAN;
            case UIDs.RTBeamsTreatmentRecordStorage -> Kind.BEAMS_RECORD;
            case UIDs.RTIonBeamsTreatmentRecordStorage -> Kind.ION_BEAMS_RECORD;
            case UIDs.RTBrachyTreatmentRecordStorage -> Kind.BRACHY_RECORD;
            case UIDs.RTTreatmentSummaryRecordStorage -> Kind.SUMMARY_RECORD;
            default -> null;
        };
    }

    /** True for the SOP classes {@link #summarise} handles; cheap, for callers deciding to read. */
    public static boolean isRt(String sopClassUid) {
        return kindOf(sopClassUid) != null;
    }

    /**
     * The summary of one data set, or null when it is not an RT plan or record. Never throws on
     * odd content: absent or malformed values become nulls.
     */
    public static RtObjectSummary summarise(Dataset ds) {
        Kind kind = kindOf(ds.getString(Tags.SOPClassUID));
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case PLAN -> PlanExtractor.summarise(ds, false);
            case ION_PLAN -> PlanExtractor.summarise(ds, true);
            default -> RecordExtractor.summarise(ds, kind);
        };
    }
}
