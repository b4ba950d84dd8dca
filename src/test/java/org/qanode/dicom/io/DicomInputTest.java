package org.qanode.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;

/**
 * The read-ahead buffer follows the source's size: a node parses a DIMSE command and each
 * received object's header from memory, and a 64 KB array per parse was most of that work.
 */
class DicomInputTest {
    @Test
    void aSmallKnownSourceGetsASmallBufferAnUnknownOneTheFullSize() {
        assertThat(new DicomInput(new ByteArrayInputStream(new byte[200]), 200).bufferLength())
                .isEqualTo(DicomInput.MIN_BUFFER);
        assertThat(new DicomInput(new ByteArrayInputStream(new byte[0]), 40_000).bufferLength()).isEqualTo(40_000);
        assertThat(new DicomInput(new ByteArrayInputStream(new byte[0]), 10L << 20).bufferLength())
                .isEqualTo(DicomInput.MAX_BUFFER);
        assertThat(new DicomInput(new ByteArrayInputStream(new byte[0]), -1).bufferLength())
                .isEqualTo(DicomInput.MAX_BUFFER);
    }

    @Test
    void aDataSetFromBytesIsReadWholeAndAForgedLengthIsRefusedBeforeAllocation() throws IOException {
        Dataset ds = new Dataset();
        ds.setString(Tags.AffectedSOPInstanceUID, VR.UI, "1.2.3.4");
        ds.setInt(Tags.CommandField, VR.US, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(out, ds, TransferSyntax.IMPLICIT_LE);
        byte[] bytes = out.toByteArray();

        assertThat(DicomReader.readDataset(bytes, TransferSyntax.IMPLICIT_LE).getString(Tags.AffectedSOPInstanceUID))
                .isEqualTo("1.2.3.4");

        // the last element (Affected SOP Instance UID, 8 bytes of value) given a length of 15 MB
        assertThat(bytes[bytes.length - 12]).isEqualTo((byte) 8);
        bytes[bytes.length - 12] = 0;
        bytes[bytes.length - 10] = (byte) 0xF0;
        assertThatThrownBy(() -> DicomReader.readDataset(bytes, TransferSyntax.IMPLICIT_LE))
                .isInstanceOf(DicomParseException.class).hasMessageContaining("exceeds the");
    }
}
