package org.qanode.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.testing.RtObjects;
import org.qanode.testing.Samples;
import org.qanode.testing.StateGenerator;

/** What the test ROIS holds: generated plans and records for a few patients, plus the RT samples. */
final class RoisData {
    private RoisData() {
    }

    static final StateGenerator.Spec SPEC = new StateGenerator.Spec(3, 2, 2, 10, 20, 3);

    /** Writes the generated objects as files; returns them. */
    static List<Path> generated(Path dir, StateGenerator.Spec spec) {
        List<Path> files = new ArrayList<>();
        for (int p = 1; p <= spec.patients(); p++) {
            for (Dataset ds : StateGenerator.patientObjects(spec, p)) {
                Path f = dir.resolve(ds.getString(Tags.SOPInstanceUID) + ".dcm");
                StateGenerator.write(f, ds, TransferSyntax.EXPLICIT_LE);
                files.add(f);
            }
        }
        return files;
    }

    /** RT samples of the corpus with a patient ID, a study, a series and an RT modality. */
    static List<Path> rtSamples() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String sub : List.of("rtplan", "rtstruct", "rtdose", "rtimage")) {
            try (Stream<Path> s = Files.list(Samples.get(sub))) {
                for (Path p : s.sorted().toList()) {
                    Dataset ds = DicomReader.readFile(p).dataset();
                    String modality = ds.getString(Tags.Modality);
                    // Orthanc, as C-STORE SCU, cannot send private SOP classes (Varian's Halcyon plan)
                    if (org.qanode.dicom.UID.isStorageSopClass(ds.getString(Tags.SOPClassUID))
                            && notBlank(ds.getString(Tags.PatientID)) && notBlank(ds.getString(Tags.StudyInstanceUID))
                            && notBlank(ds.getString(Tags.SeriesInstanceUID)) && modality != null
                            && ExportRequest.DEFAULT_MODALITIES.contains(modality.trim())) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    /** ARIA's Halcyon plan, in Varian's private SOP class 1.2.246.352.70.1.70. */
    static Path privateClassPlan() {
        return Samples.get("rtplan/pps_halcyon_varian_private_sop_class.dcm");
    }

    static List<String> patientIds(List<Path> files) throws IOException {
        List<String> ids = new ArrayList<>();
        for (Path f : files) {
            String id = DicomReader.readFile(f).dataset().getString(Tags.PatientID).trim();
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    static String generatedPatient(int n) {
        return RtObjects.patientId(n);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
