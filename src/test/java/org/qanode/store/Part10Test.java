package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.testing.Samples;

class Part10Test {

    @Test
    void datasetStartsAfterTheMetaGroup(@TempDir Path dir) throws Exception {
        Dataset ds = DicomReader.readFile(Samples.get("rtplan/pydicom_rtplan_3d_static.dcm")).dataset();
        Dataset meta = DicomWriter.createFileMetaInformation(ds, TransferSyntax.EXPLICIT_LE.uid(), "ROIS");
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        DicomWriter.writePreambleAndMeta(head, meta);
        Path file = dir.resolve("x.dcm");
        try (var os = Files.newOutputStream(file)) {
            DicomWriter.writeFile(os, meta, ds, TransferSyntax.EXPLICIT_LE);
        }
        assertThat(Part10.datasetOffset(file)).isEqualTo(head.size());

        byte[] all = Files.readAllBytes(file);
        byte[] body = Arrays.copyOfRange(all, head.size(), all.length);
        Part10.DatasetDigest d = Part10.digestDataset(file);
        assertThat(d.size()).isEqualTo(body.length);
        assertThat(d.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
    }

    @Test
    void aFileWithoutMetaIsAllDataSet() throws Exception {
        Path raw = Samples.get("rtstruct/pydicom_rtstruct_nometa.dcm");
        assertThat(Part10.datasetOffset(raw)).isZero();
        assertThat(Part10.digestDataset(raw).size()).isEqualTo(Files.size(raw));
    }
}
