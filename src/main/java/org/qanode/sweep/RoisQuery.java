package org.qanode.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
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
 *
 * <p>A series the caller lets be counted ({@code countable}) is not walked down to its instances
 * when the ROIS returns Number of Series Related Instances (0020,1209, an optional return key,
 * PS3.4 C.6.1.1.4): one C-FIND per study instead of one per series (issue 16: the instance-level
 * C-FINDs were three quarters of an export's walk). The export names the instances of such a
 * series after its retrievals ({@link Exporter}); a ROIS that leaves the count empty is walked
 * down as before.
 */
final class RoisQuery {
    private final QueryRetrieveScu scu;
    private final QueryRetrieveModel model;
    private final BooleanSupplier cancel;
    private final Predicate<String> countable;

    /** Every series walked down to its instances. */
    RoisQuery(QueryRetrieveScu scu, QueryRetrieveModel model, BooleanSupplier cancel) {
        this(scu, model, cancel, series -> false);
    }

    /** @param countable which series (by Series Instance UID) may be selected by their count alone */
    RoisQuery(QueryRetrieveScu scu, QueryRetrieveModel model, BooleanSupplier cancel, Predicate<String> countable) {
        this.scu = scu;
        this.model = model;
        this.cancel = cancel;
        this.countable = countable;
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
        id.setNull(Tags.NumberOfSeriesRelatedInstances, VR.IS);
        boolean covered = true;
        for (Dataset s : find(id, "series of study " + studyUid)) {
            String modality = trim(s.getString(Tags.Modality));
            String seriesUid = trim(s.getString(Tags.SeriesInstanceUID));
            if (seriesUid == null || modality == null || !modalities.contains(modality)) {
                covered = false;
                continue;
            }
            int count = count(s.getString(Tags.NumberOfSeriesRelatedInstances));
            if (count >= 0 && countable.test(seriesUid)) {
                selection.add(new Selection.Series(patientId, studyUid, seriesUid, modality, Map.of(), count));
            } else {
                selection.add(Selection.Series.listed(patientId, studyUid, seriesUid, modality,
                        instances(patientId, studyUid, seriesUid)));
            }
        }
        if (covered) {
            selection.covered(studyUid);
        }
    }

    /** The instances of one series: SOP Instance UID to SOP Class UID (null when not returned). */
    Map<String, String> instances(String patientId, String studyUid, String seriesUid)
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

    /** An IS value, or -1 when it is absent or not a count (then the series is walked down). */
    private static int count(String is) {
        if (is == null || is.isBlank()) {
            return -1;
        }
        try {
            int n = Integer.parseInt(is.trim());
            return n >= 0 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
