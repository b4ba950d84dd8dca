package org.qanode.sweep;

import java.util.List;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.net.dimse.QueryLevel;
import org.qanode.net.dimse.QueryRetrieveModel;
import org.qanode.net.dimse.QueryRetrieveScu;

/**
 * One C-MOVE or C-GET of an export: the entities at one level named by their unique keys, and
 * the unique keys of the levels above (PS3.4 C.4.2.2.1). At IMAGE level the SOP Instance UIDs
 * are sent as one list (UID list matching, PS3.4 C.2.2.2.2).
 */
record RetrievalUnit(QueryLevel level, String patientId, String studyUid, String seriesUid, List<String> sopUids) {

    Dataset identifier(QueryRetrieveModel model) {
        Dataset id = QueryRetrieveScu.identifier(level);
        if (model == QueryRetrieveModel.PATIENT_ROOT || level == QueryLevel.PATIENT) {
            id.setString(Tags.PatientID, VR.LO, patientId);
        }
        if (level != QueryLevel.PATIENT) {
            id.setString(Tags.StudyInstanceUID, VR.UI, studyUid);
        }
        if (level == QueryLevel.SERIES || level == QueryLevel.IMAGE) {
            id.setString(Tags.SeriesInstanceUID, VR.UI, seriesUid);
        }
        if (level == QueryLevel.IMAGE) {
            id.setString(Tags.SOPInstanceUID, VR.UI, sopUids.toArray(String[]::new));
        }
        return id;
    }

    @Override
    public String toString() {
        return switch (level) {
            case PATIENT -> "patient " + patientId;
            case STUDY -> "study " + studyUid;
            case SERIES -> "series " + seriesUid;
            case IMAGE -> sopUids.size() + " instance(s) of series " + seriesUid;
        };
    }
}
