package org.qanode.net.dimse;

import org.qanode.dicom.Tags;

/**
 * Query/Retrieve Level (0008,0052) values and the unique key of each level (PS3.4 C.6.1.1.2
 * to C.6.1.1.5): a C-MOVE or C-GET at a level names the entities to retrieve by that key.
 */
public enum QueryLevel {
    PATIENT(Tags.PatientID),
    STUDY(Tags.StudyInstanceUID),
    SERIES(Tags.SeriesInstanceUID),
    IMAGE(Tags.SOPInstanceUID);

    private final int uniqueKey;

    QueryLevel(int uniqueKey) {
        this.uniqueKey = uniqueKey;
    }

    public int uniqueKey() {
        return uniqueKey;
    }

    public static QueryLevel parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (t.equals("INSTANCE")) {
            return IMAGE;
        }
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown query/retrieve level '" + text
                    + "' (PATIENT, STUDY, SERIES or IMAGE)", e);
        }
    }
}
