package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.ReadOptions;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.dimse.DimseClient;
import org.qanode.net.dimse.DimseResponse;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.testing.Samples;

/**
 * Issue 11, reproduced over DIMSE into the real store: an Affected SOP Instance UID "7.7.7\1"
 * was cut to its first value, so "7.7.7\1" and "7.7.7\2" were both answered Success and merged
 * into object 7.7.7 as versions 1 and 2. A command UID is one value (PS3.7 E.1) and must be a
 * UID (PS3.5 9.1): such a C-STORE is refused with 0117 and nothing is stored.
 */
class CommandUidOverDimseTest {
    private static final String RT_PLAN = StoreOverDimse.RT_PLAN;

    @RegisterExtension
    final StoreOverDimse node = new StoreOverDimse();

    private static byte[] plan(String sopInstanceUid, String studyInstanceUid) throws Exception {
        Dataset ds = new Dataset();
        ds.addAll(DicomReader.readFile(Samples.get(StateStoreContract.PLAN), ReadOptions.stopBefore(Tags.PixelData)).dataset());
        ds.setString(Tags.SOPInstanceUID, VR.UI, sopInstanceUid);
        if (studyInstanceUid != null) {
            ds.setString(Tags.StudyInstanceUID, VR.UI, studyInstanceUid);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(out, ds, TransferSyntax.EXPLICIT_LE);
        return out.toByteArray();
    }

    private DimseClient client() throws Exception {
        return node.client();
    }

    private List<Path> storedFiles() throws Exception {
        Path states = node.data().resolve("states");
        try (Stream<Path> s = Files.walk(states)) {
            return s.filter(Files::isRegularFile).filter(p -> !Spares.unused(p)).toList();
        }
    }

    @Test
    void affectedSopInstanceUidWithABackslashIsRefusedNotCut() throws Exception {
        try (DimseClient c = client()) {
            for (String uid : List.of("7.7.7\\1", "7.7.7\\2")) {
                DimseResponse r = c.store(1, RT_PLAN, uid, new ByteArrayInputStream(plan("7.7.7", null)), Duration.ofSeconds(20));
                assertThat(r.status()).as(uid).isEqualTo(DimseStatus.INVALID_SOP_INSTANCE);
            }
            // The association goes on: a good object is still stored.
            DimseResponse ok = c.store(1, RT_PLAN, "7.7.7", new ByteArrayInputStream(plan("7.7.7", null)), Duration.ofSeconds(20));
            assertThat(ok.status()).isEqualTo(DimseStatus.SUCCESS);
            c.release();
        }
        assertThat(node.store().history("inbox", "7.7.7")).hasSize(1);
        assertThat(storedFiles()).hasSize(1);
    }

    @Test
    void dataSetUidWithABackslashIsRefusedWithA900() throws Exception {
        try (DimseClient c = client()) {
            DimseResponse r = c.store(1, RT_PLAN, "7.7.9", new ByteArrayInputStream(plan("7.7.9", "1.2.3\\4")), Duration.ofSeconds(20));
            assertThat(r.status()).isEqualTo(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
            assertThat(r.command().errorComment()).contains("(0020,000D)");
            c.release();
        }
        assertThat(node.store().history("inbox", "7.7.9")).isEmpty();
        assertThat(storedFiles()).isEmpty();
    }
}
