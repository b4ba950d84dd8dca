package org.qanode.sweep;

import java.util.List;

/**
 * What to export: from which ROIS into which state, the patients (IDs) or a query by
 * modality and study date (DICOM range matching, PS3.4 C.2.2.2.5: "20261101-20261130").
 * {@code modalities} also restricts a patient export; empty means {@link #DEFAULT_MODALITIES}.
 */
public record ExportRequest(String rois, String state, List<String> patientIds, List<String> modalities,
                            String studyDate) {
    /** What a ROIS upgrade check needs: plans, records, structures, doses, images. */
    public static final List<String> DEFAULT_MODALITIES = List.of("RTPLAN", "RTRECORD", "RTSTRUCT", "RTDOSE",
            "RTIMAGE");

    public ExportRequest {
        patientIds = patientIds == null ? List.of() : List.copyOf(patientIds);
        modalities = modalities == null || modalities.isEmpty() ? DEFAULT_MODALITIES
                : modalities.stream().map(m -> m.trim().toUpperCase(java.util.Locale.ROOT)).toList();
        if (rois == null || rois.isBlank()) {
            throw new IllegalArgumentException("from: missing ROIS name");
        }
        if (state == null || state.isBlank()) {
            throw new IllegalArgumentException("state: missing");
        }
        if (patientIds.isEmpty() && (studyDate == null || studyDate.isBlank())) {
            throw new IllegalArgumentException("patientIds or studyDate: one is needed (an export of everything"
                    + " the ROIS holds is not what a QA check wants)");
        }
        if (studyDate != null && !studyDate.isBlank() && !studyDate.matches("\\d{8}|\\d{8}-|-\\d{8}|\\d{8}-\\d{8}")) {
            throw new IllegalArgumentException("studyDate: '" + studyDate + "' is not a DA range (YYYYMMDD-YYYYMMDD)");
        }
    }
}
