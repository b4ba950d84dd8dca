package org.qanode.store;

import org.qanode.dicom.Dataset;
import org.qanode.dicom.ElementDictionary;
import org.qanode.dicom.Tags;
import org.qanode.dicom.UidCheck;

/**
 * The attributes of a received object that the index keeps for filtering and pairing, read
 * from its header. Nothing is ever cut (issue 11: "Stored means stored"):
 * <ul>
 *   <li>UIDs are read whole, all values, and must be UIDs (PS3.5 9.1: digits and dots, at most
 *       64 characters, no empty component; leading zeros, which real exports have, are accepted
 *       as everywhere else). "1.2.3\4" is not the UID "1.2.3".</li>
 *   <li>Descriptive values are kept whole, a second value where VM is 1 and a value longer than
 *       its VR allows (PS3.5 6.2) included: the file has them so, and cutting could make two
 *       patients one. Up to the column sizes below (many times what PS3.5 allows); beyond,
 *       the object cannot be indexed faithfully and is refused.</li>
 * </ul>
 * A value that breaks these rules raises {@link InvalidValue}; the C-STORE is then answered A900.
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

    /** Column sizes of migration 004, in characters. */
    public static final int MAX_PATIENT_ID = 512;
    public static final int MAX_PATIENT_NAME = 1024;
    public static final int MAX_MODALITY = 64;
    public static final int MAX_RT_PLAN_LABEL = 512;
    public static final int MAX_RT_PLAN_DATE = 64;

    /** A header value the index cannot hold as it is; the message names the tag. */
    public static final class InvalidValue extends Exception {
        InvalidValue(String message) {
            super(message);
        }
    }

    /** Nothing known beyond what the C-STORE command said (already validated). */
    public static IndexFields onlySopClass(String sopClassUid) {
        return new IndexFields(sopClassUid, null, null, null, null, null, null, null, null);
    }

    /**
     * Reads the fields; the SOP Class UID falls back to the command's when the data set has
     * none. The referenced plan is the first item of Referenced RT Plan Sequence: present in
     * treatment records (whose plan it names) and in doses and images.
     */
    public static IndexFields of(Dataset ds, String commandSopClassUid) throws InvalidValue {
        Dataset refPlan = ds.getNestedDataset(Tags.ReferencedRTPlanSequence);
        String sopClass = uid(ds, Tags.SOPClassUID);
        return new IndexFields(
                sopClass != null ? sopClass : commandSopClassUid,
                text(ds, Tags.PatientID, MAX_PATIENT_ID),
                text(ds, Tags.PatientName, MAX_PATIENT_NAME),
                uid(ds, Tags.StudyInstanceUID),
                uid(ds, Tags.SeriesInstanceUID),
                text(ds, Tags.Modality, MAX_MODALITY),
                text(ds, Tags.RTPlanLabel, MAX_RT_PLAN_LABEL),
                text(ds, Tags.RTPlanDate, MAX_RT_PLAN_DATE),
                refPlan == null ? null : uid(refPlan, Tags.ReferencedSOPInstanceUID));
    }

    /** A UID element whole (every value, padding removed), or null when absent or empty. */
    static String uid(Dataset ds, int tag) throws InvalidValue {
        String v = IndexValues.whole(ds, tag);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!UidCheck.isPathSafe(v)) {
            throw new InvalidValue(describe(tag) + " '" + printable(v) + "' is not a UID (PS3.5 9.1: one value, digits and dots, at most "
                    + UidCheck.MAX_LENGTH + " characters, no empty component)");
        }
        return v;
    }

    private static String text(Dataset ds, int tag, int max) throws InvalidValue {
        String v = IndexValues.whole(ds, tag);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.length() > max) {
            throw new InvalidValue(describe(tag) + " of " + v.length() + " characters is longer than the index keeps (" + max + ")");
        }
        return v;
    }

    private static String describe(int tag) {
        String name = ElementDictionary.keywordOf(tag);
        return String.format("(%04X,%04X)%s", tag >>> 16, tag & 0xFFFF, name == null ? "" : " " + name);
    }

    /** At most 80 characters of a bad value, control characters shown as '?', for a message. */
    private static String printable(String v) {
        String s = v.length() > 80 ? v.substring(0, 80) + "..." : v;
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return sb.toString();
    }

    /**
     * Cuts texts of our own making (error messages, event details) to their column; never used for
     * values received from a peer.
     */
    static String clip(String s, int max) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max);
    }
}
