package org.qanode.net.dimse;

import org.qanode.dicom.UIDs;
import java.util.List;

/**
 * The Query/Retrieve information models of PS3.4 C.6 with the SOP classes of their FIND,
 * MOVE and GET services (PS3.4 C.6.1.3 and C.6.2.3). Patient Root has the PATIENT level on
 * top; Study Root starts at STUDY and carries patient attributes at the study level.
 */
public enum QueryRetrieveModel {
    PATIENT_ROOT(UIDs.PatientRootQueryRetrieveInformationModelFind, UIDs.PatientRootQueryRetrieveInformationModelMove, UIDs.PatientRootQueryRetrieveInformationModelGet),
    STUDY_ROOT(UIDs.StudyRootQueryRetrieveInformationModelFind, UIDs.StudyRootQueryRetrieveInformationModelMove, UIDs.StudyRootQueryRetrieveInformationModelGet);

    private final String find;
    private final String move;
    private final String get;

    QueryRetrieveModel(String find, String move, String get) {
        this.find = find;
        this.move = move;
        this.get = get;
    }

    public String findSopClass() {
        return find;
    }

    public String moveSopClass() {
        return move;
    }

    public String getSopClass() {
        return get;
    }

    /** The levels of the model from the top (PS3.4 C.6.1.1 and C.6.2.1). */
    public List<QueryLevel> levels() {
        return this == PATIENT_ROOT
                ? List.of(QueryLevel.PATIENT, QueryLevel.STUDY, QueryLevel.SERIES, QueryLevel.IMAGE)
                : List.of(QueryLevel.STUDY, QueryLevel.SERIES, QueryLevel.IMAGE);
    }

    /** "PATIENT", "patient_root", "Study" ... as configuration writes it. */
    public static QueryRetrieveModel parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        return switch (t) {
            case "PATIENT", "PATIENT_ROOT" -> PATIENT_ROOT;
            case "STUDY", "STUDY_ROOT" -> STUDY_ROOT;
            default -> throw new IllegalArgumentException("unknown information model '" + text
                    + "' (PATIENT or STUDY)");
        };
    }
}
