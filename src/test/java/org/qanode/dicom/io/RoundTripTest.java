package org.qanode.dicom.io;

import org.qanode.dicom.Tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tag;
import org.qanode.testing.DatasetAssert;
import org.qanode.testing.Samples;

/** Every sample parsed, written in each uncompressed syntax and deflated, re-read, and equal. */
class RoundTripTest {

    static Stream<Path> samples() {
        return Samples.readable().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleSurvivesEveryUncompressedSyntax(Path file) throws Exception {
        DicomFile original = DicomReader.readFile(file);
        assertThat(original.dataset().size()).isGreaterThan(0);
        for (TransferSyntax ts : TransferSyntax.UNCOMPRESSED) {
            if (original.transferSyntax().encapsulated()) {
                continue; // compressed pixel data stays in its own syntax; covered by the next test
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DicomWriter.writeFile(bytes, DicomWriter.createFileMetaInformation(original.dataset(), ts.uid(), null),
                    original.dataset(), ts);
            DicomFile back = DicomReader.readFile(new ByteArrayInputStream(bytes.toByteArray()), ReadOptions.DEFAULT);
            assertThat(back.transferSyntax().uid()).isEqualTo(ts.uid());
            DatasetAssert.assertSameContent(back.dataset(), original.dataset(), file + " via " + ts.uid());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleSurvivesItsOwnSyntax(Path file) throws Exception {
        DicomFile original = DicomReader.readFile(file);
        TransferSyntax ts = original.transferSyntax();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DicomWriter.writeFile(bytes, DicomWriter.createFileMetaInformation(original.dataset(), ts.uid(), null),
                original.dataset(), ts);
        DicomFile back = DicomReader.readFile(new ByteArrayInputStream(bytes.toByteArray()), ReadOptions.DEFAULT);
        DatasetAssert.assertSameContent(back.dataset(), original.dataset(), file.toString());
    }

    @Test
    void truncatedSampleNamesOffsetAndTag() {
        Path truncated = Samples.get("other/pydicom_rtplan_truncated.dcm");
        assertThatThrownBy(() -> DicomReader.readFile(truncated))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("(300A,00B0)") // BeamSequence: its length already runs past the end
                .hasMessageContaining("offset");
    }

    @Test
    void stopBeforePixelDataLeavesItOut() throws Exception {
        DicomFile f = DicomReader.readFile(Samples.get("ct/dicompyler_ct0.dcm"), ReadOptions.stopBefore(Tags.PixelData));
        assertThat(f.dataset().contains(Tags.PixelData)).isFalse();
        assertThat(f.dataset().getString(Tags.SOPInstanceUID)).isNotBlank();
    }

    @Test
    void bulkDataByReferencePointsIntoTheFile() throws Exception {
        Path file = Samples.get("ct/dicompyler_ct0.dcm");
        Dataset full = DicomReader.readFile(file).dataset();
        Dataset lazy = DicomReader.readFile(file, ReadOptions.withBulkDataByReference()).dataset();
        assertThat(lazy.getValue(Tags.PixelData)).isInstanceOf(org.qanode.dicom.BulkData.class);
        assertThat(((org.qanode.dicom.BulkData) lazy.getValue(Tags.PixelData)).readAllBytes())
                .isEqualTo(full.getBytes(Tags.PixelData));
    }
}
