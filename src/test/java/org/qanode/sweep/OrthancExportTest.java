package org.qanode.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.net.dimse.QueryLevel;
import org.qanode.net.dimse.QueryRetrieveModel;
import org.qanode.testing.OrthancPeer;

/**
 * Orthanc (Debian's package) as the ROIS: loaded over REST with the RT samples and generated
 * plans and records, qanode registered in its DicomModalities; an export must fill the state
 * with exactly Orthanc's instances, by C-MOVE in both information models and by C-GET.
 */
class OrthancExportTest {
    @TempDir
    Path dir;

    private List<Path> load(OrthancPeer orthanc) throws Exception {
        List<Path> files = new ArrayList<>(RoisData.generated(dir.resolve("gen"), RoisData.SPEC));
        files.addAll(RoisData.rtSamples());
        for (Path f : files) {
            orthanc.upload(f);
        }
        return files;
    }

    @Test
    void moveFillsTheStateWithExactlyOrthancsInstances() throws Exception {
        try (ExportFixture node = new ExportFixture(dir, List.of());
             OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC",
                     Map.of("qanode", new Object[] {ExportFixture.AE, "127.0.0.1", node.scp.port()}))) {
            List<Path> files = load(orthanc);
            RoisConfig rois = RoisConfig.of("ORTHANC", "ORTHANC", "127.0.0.1", orthanc.dicomPort(), ExportFixture.AE);
            ExportRequest req = new ExportRequest("ORTHANC", "pre", RoisData.patientIds(files), List.of(), null);

            ExportStatus s = node.export(rois, req);

            assertThat(s.status()).as(s.toString()).isEqualTo(ExportStatus.DONE);
            assertThat(node.uidsIn("pre")).isEqualTo(orthanc.sopInstanceUids());
            assertThat(s.expected()).isEqualTo(orthanc.sopInstanceUids().size());
            assertThat(s.received()).isEqualTo(s.expected());
            assertThat(node.uidsIn("inbox")).isEmpty();

            ExportStatus patientRoot = node.export(rois.withModel(QueryRetrieveModel.PATIENT_ROOT, QueryLevel.IMAGE),
                    new ExportRequest("ORTHANC", "pre-patient-root", req.patientIds(), List.of(), null));
            assertThat(patientRoot.status()).as(patientRoot.toString()).isEqualTo(ExportStatus.DONE);
            assertThat(node.uidsIn("pre-patient-root")).isEqualTo(orthanc.sopInstanceUids());

            ExportStatus get = node.export(rois.withGet(true),
                    new ExportRequest("ORTHANC", "pre-get", req.patientIds(), List.of(), null));
            assertThat(get.status()).as(get.toString()).isEqualTo(ExportStatus.DONE);
            assertThat(node.uidsIn("pre-get")).isEqualTo(orthanc.sopInstanceUids());
        }
    }

    @Test
    void modalityFilterTakesOnlyPlans() throws Exception {
        try (ExportFixture node = new ExportFixture(dir, List.of());
             OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC",
                     Map.of("qanode", new Object[] {ExportFixture.AE, "127.0.0.1", node.scp.port()}))) {
            load(orthanc);
            RoisConfig rois = RoisConfig.of("ORTHANC", "ORTHANC", "127.0.0.1", orthanc.dicomPort(), ExportFixture.AE);
            ExportStatus s = node.export(rois, new ExportRequest("ORTHANC", "plans",
                    List.of(RoisData.generatedPatient(1), RoisData.generatedPatient(2)), List.of("RTPLAN"), null));
            assertThat(s.status()).as(s.toString()).isEqualTo(ExportStatus.DONE);
            assertThat(s.expected()).isEqualTo(4);
            assertThat(node.store.currentInstances("plans")).hasSize(4)
                    .allSatisfy(r -> assertThat(r.modality()).isEqualTo("RTPLAN"));
        }
    }

    /** Orthanc cannot send Varian's private plan class: that sub-operation fails, every time. */
    @Test
    void failedSubOperationIsRetriedThenListedAsMissing() throws Exception {
        try (ExportFixture node = new ExportFixture(dir, List.of());
             OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC",
                     Map.of("qanode", new Object[] {ExportFixture.AE, "127.0.0.1", node.scp.port()}))) {
            List<Path> files = new ArrayList<>(RoisData.generated(dir.resolve("gen"), RoisData.SPEC));
            files.add(RoisData.privateClassPlan());
            for (Path f : files) {
                orthanc.upload(f);
            }
            String privateUid = org.qanode.dicom.io.DicomReader.readFile(RoisData.privateClassPlan()).dataset()
                    .getString(org.qanode.dicom.Tags.SOPInstanceUID);
            RoisConfig rois = RoisConfig.of("ORTHANC", "ORTHANC", "127.0.0.1", orthanc.dicomPort(), ExportFixture.AE);
            ExportStatus s = node.export(rois, new ExportRequest("ORTHANC", "pre", RoisData.patientIds(files),
                    List.of(), null));
            assertThat(s.status()).isEqualTo(ExportStatus.PARTIAL);
            assertThat(s.missing()).containsExactly(privateUid);
            assertThat(s.retries()).isEqualTo(rois.retries());
            assertThat(s.received()).isEqualTo(s.expected() - 1);
            assertThat(s.error()).contains("1 of " + s.expected() + " instance(s) not received");
        }
    }

    /** Orthanc answers C000 (not A801) for a destination it does not know: the export says what to check. */
    @Test
    void unknownMoveDestinationFailsWithTheRegistrationHint() throws Exception {
        try (ExportFixture node = new ExportFixture(dir, List.of());
             OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC", Map.of())) {
            load(orthanc);
            RoisConfig rois = RoisConfig.of("ORTHANC", "ORTHANC", "127.0.0.1", orthanc.dicomPort(), ExportFixture.AE);
            ExportStatus s = node.export(rois, new ExportRequest("ORTHANC", "pre",
                    List.of(RoisData.generatedPatient(1)), List.of(), null));
            assertThat(s.status()).isEqualTo(ExportStatus.FAILED);
            assertThat(s.error()).contains("knows the move destination 'QANODE'");
            assertThat(s.missing()).hasSize(s.expected()).isNotEmpty();
        }
    }
}
