package org.qanode.dicom.io;

import org.qanode.dicom.Tags;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tag;
import org.qanode.dicom.VR;
import org.qanode.testing.Samples;

/** The meta group we build names the data set's SOP class and instance (PS3.10 Table 7.1-1). */
class FileMetaInformationTest {

    @Test
    void uidsComeFromTheBytesEvenWhenTheSourceSaidUn() throws Exception {
        // gdcmconv wrote every standard element of this sample with explicit VR UN
        Dataset ds = DicomReader.readFile(Samples.get("other/pydicom_rtdose_rle.dcm")).dataset();
        assertThat(ds.getVR(Tags.SOPClassUID)).isEqualTo(VR.UN);
        Dataset meta = DicomWriter.createFileMetaInformation(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null);
        assertThat(meta.getString(Tags.MediaStorageSOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.481.2");
        assertThat(meta.getString(Tags.MediaStorageSOPInstanceUID)).startsWith("1.9.999.999.99.9.9999.");
    }

    @Test
    void paddedUidsLoseTheirPad() {
        Dataset ds = new Dataset();
        ds.setBytes(Tags.SOPInstanceUID, VR.UI, "1.2.3\0".getBytes());
        Dataset meta = DicomWriter.createFileMetaInformation(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, null);
        assertThat(meta.getBytes(Tags.MediaStorageSOPInstanceUID)).isEqualTo("1.2.3".getBytes());
    }
}
