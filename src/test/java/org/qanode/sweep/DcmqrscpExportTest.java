package org.qanode.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Tags;
import org.qanode.dicom.io.DicomReader;
import org.qanode.net.dimse.QueryLevel;
import org.qanode.net.dimse.QueryRetrieveModel;
import org.qanode.testing.DcmQrScpPeer;

/**
 * dcmtk's dcmqrscp as a second Q/R SCP, loaded with storescu. Its C-STOREs carry the move
 * originator, and it answers A801 for a destination missing from its HostTable.
 */
class DcmqrscpExportTest {
    @TempDir
    Path dir;

    private static TreeSet<String> uids(List<Path> files) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        for (Path f : files) {
            out.add(DicomReader.readFile(f).dataset().getString(Tags.SOPInstanceUID));
        }
        return out;
    }

    @Test
    void exportFillsTheStateWithWhatWasLoaded() throws Exception {
        try (ExportFixture node = new ExportFixture(dir, List.of("QRSCP"))) {
            try (DcmQrScpPeer qr = DcmQrScpPeer.start(dir.resolve("qr"), "QRSCP",
                    List.of(ExportFixture.AE + " 127.0.0.1 " + node.scp.port()))) {
                List<Path> files = new ArrayList<>(RoisData.generated(dir.resolve("gen"), RoisData.SPEC));
                files.addAll(RoisData.rtSamples());
                qr.load(files);
                RoisConfig rois = RoisConfig.of("QR", "QRSCP", "127.0.0.1", qr.port(), ExportFixture.AE);
                List<String> patients = RoisData.patientIds(files);

                ExportStatus s = node.export(rois, new ExportRequest("QR", "pre", patients, List.of(), null));
                assertThat(s.status()).as(s.toString()).isEqualTo(ExportStatus.DONE);
                assertThat(node.uidsIn("pre")).isEqualTo(uids(files));

                ExportStatus byImage = node.export(rois.withModel(QueryRetrieveModel.PATIENT_ROOT, QueryLevel.IMAGE),
                        new ExportRequest("QR", "pre-image", patients, List.of(), null));
                assertThat(byImage.status()).as(byImage.toString()).isEqualTo(ExportStatus.DONE);
                assertThat(node.uidsIn("pre-image")).isEqualTo(uids(files));
            }
        }
    }

    @Test
    void destinationMissingFromHostTableIsA801WithTheRegistrationHint() throws Exception {
        try (ExportFixture node = new ExportFixture(dir, List.of("QRSCP"));
             DcmQrScpPeer qr = DcmQrScpPeer.start(dir.resolve("qr"), "QRSCP", List.of())) {
            List<Path> files = RoisData.generated(dir.resolve("gen"), RoisData.SPEC);
            qr.load(files);
            RoisConfig rois = RoisConfig.of("QR", "QRSCP", "127.0.0.1", qr.port(), ExportFixture.AE);
            ExportStatus s = node.export(rois, new ExportRequest("QR", "pre", List.of(RoisData.generatedPatient(1)),
                    List.of(), null));
            assertThat(s.status()).isEqualTo(ExportStatus.FAILED);
            assertThat(s.error()).contains("A801", "register qanode in QR as a DICOM destination with AE title QANODE");
            assertThat(s.retries()).isZero();
        }
    }
}
