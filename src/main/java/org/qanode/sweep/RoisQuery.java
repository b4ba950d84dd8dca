package org.qanode.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.net.dimse.FindResult;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.QueryLevel;
import org.qanode.net.dimse.QueryRetrieveModel;
import org.qanode.net.dimse.QueryRetrieveScu;

/**
 * The C-FIND part of an export: walks the information model down from the patients (or the
 * study date range) to the studies, the series of the wanted modalities and their instances
 * (hierarchical search, PS3.4 C.4.1.3.1). Matching keys carry values, return keys are empty
 * (PS3.4 C.2.2.1); the modality filter is applied again here because an SCP may treat
 * Modality as a return key only.
 */
final class RoisQuery {
    private final QueryRetrieveScu scu;
    private final QueryRetrieveModel model;
    private final BooleanSupplier cancel;

    RoisQuery(QueryRetrieveScu scu, QueryRetrieveModel model, BooleanSupplier cancel) {
        this.scu = scu;
        this.model = model;
        this.cancel = cancel;
    }

    Selection select(ExportRequest request) throws IOException, InterruptedException {
        Selection selection = new Selection();
        List<String> patients = request.patientIds();
        if (patients.isEmpty() && model == QueryRetrieveModel.PATIENT_ROOT) {
            patients = allPatients();
        }
        if (patients.isEmpty()) {
            for (Dataset study : studies(null, request.studyDate())) {
                selectSeries(selection, study.getString(Tags.PatientID), study.getString(Tags.StudyInstanceUID),
                        request.modalities());
            }
            return selection;
        }
        for (String patient : patients) {
            selection.addPatient(patient);
            for (Dataset study : studies(patient, request.studyDate())) {
                selectSeries(selection, patient, study.getString(Tags.StudyInstanceUID), request.modalities());
            }
        }
        return selection;
    }

    private List<String> allPatients() throws IOException, InterruptedException {
        Dataset id = QueryRetrieveScu.identifier(QueryLevel.PATIENT);
        id.setNull(Tags.PatientID, VR.LO);
        List<String> out = new ArrayList<>();
        for (Dataset d : find(id, "patients")) {
            if (d.getString(Tags.PatientID) != null) {
                out.add(d.getString(Tags.PatientID).trim());
            }
        }
        return out;
    }

    private List<Dataset> studies(String patientId, String studyDate) throws IOException, InterruptedException {
        Dataset id = QueryRetrieveScu.identifier(QueryLevel.STUDY);
        if (patientId != null) {
            id.setString(Tags.PatientID, VR.LO, patientId);
        } else {
            id.setNull(Tags.PatientID, VR.LO);
        }
        if (studyDate != null && !studyDate.isBlank()) {
            id.setString(Tags.StudyDate, VR.DA, studyDate);
        } else {
            id.setNull(Tags.StudyDate, VR.DA);
        }
        id.setNull(Tags.StudyInstanceUID, VR.UI);
        return find(id, "studies of patient " + patientId);
    }

    private void selectSeries(Selection selection, String patientId, String studyUid, List<String> modalities)
            throws IOException, InterruptedException {
        Dataset id = QueryRetrieveScu.identifier(QueryLevel.SERIES);
        putUpperKeys(id, patientId, studyUid);
        id.setNull(Tags.SeriesInstanceUID, VR.UI);
        id.setNull(Tags.Modality, VR.CS);
        boolean covered = true;
        for (Dataset s : find(id, "series of study " + studyUid)) {
            String modality = trim(s.getString(Tags.Modality));
            String seriesUid = trim(s.getString(Tags.SeriesInstanceUID));
            if (seriesUid == null || modality == null || !modalities.contains(modality)) {
                covered = false;
                continue;
            }
            selection.add(new Selection.Series(patientId, studyUid, seriesUid, modality,
                    instances(patientId, studyUid, seriesUid)));
        }
        if (covered) {
            selection.covered(studyUid);
        }
    }

    private Map<String, String> instances(String patientId, String studyUid, String seriesUid)
            throws IOException, InterruptedException {
        Dataset id = QueryRetrieveScu.identifier(QueryLevel.IMAGE);
        putUpperKeys(id, patientId, studyUid);
        id.setString(Tags.SeriesInstanceUID, VR.UI, seriesUid);
        id.setNull(Tags.SOPInstanceUID, VR.UI);
        id.setNull(Tags.SOPClassUID, VR.UI);
        Map<String, String> out = new LinkedHashMap<>();
        for (Dataset d : find(id, "instances of series " + seriesUid)) {
            String uid = trim(d.getString(Tags.SOPInstanceUID));
            if (uid != null) {
                out.put(uid, trim(d.getString(Tags.SOPClassUID)));
            }
        }
        return out;
    }

    /** Unique keys of the levels above (PS3.4 C.4.1.2.2.1); Patient Root needs the Patient ID. */
    private void putUpperKeys(Dataset id, String patientId, String studyUid) {
        if (model == QueryRetrieveModel.PATIENT_ROOT && patientId != null) {
            id.setString(Tags.PatientID, VR.LO, patientId);
        }
        id.setString(Tags.StudyInstanceUID, VR.UI, studyUid);
    }

    private List<Dataset> find(Dataset identifier, String what) throws IOException, InterruptedException {
        FindResult r = scu.find(model, identifier, m -> { }, cancel);
        if (r.cancelled()) {
            throw new IOException("cancelled");
        }
        if (!r.success()) {
            throw new IOException("C-FIND for " + what + " failed: " + DimseStatus.name(r.status())
                    + (r.errorComment() != null ? " (" + r.errorComment() + ")" : ""));
        }
        return r.matches();
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
