package org.qanode.dicom.json;

import org.qanode.dicom.Tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qanode.dicom.BulkData;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tag;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.ReadOptions;
import org.qanode.testing.DatasetAssert;
import org.qanode.testing.Samples;

/** Every sample through JSON and back: the same elements with the same values (PS3.18 Annex F). */
class DicomJsonRoundTripTest {

    static Stream<Path> samples() {
        return Samples.readable().stream();
    }

    private static byte[] json(Dataset ds, DicomJsonWriter.Options options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DicomJsonWriter(options).write(ds, out);
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleSurvivesJson(Path file) throws IOException {
        Dataset original = DicomReader.readFile(file).dataset();
        byte[] json = json(original, DicomJsonWriter.Options.DEFAULT);
        Dataset back = new DicomJsonReader().read(new ByteArrayInputStream(json));
        DatasetAssert.assertSameValues(back, original, file.toString());
        // and the JSON of what came back is the same JSON
        assertThat(new String(json(back, DicomJsonWriter.Options.DEFAULT), StandardCharsets.UTF_8))
                .isEqualTo(new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void bulkDataByUriPointsBackIntoTheFile() throws IOException {
        Path file = Samples.get("ct/dicompyler_ct0.dcm");
        Dataset lazy = DicomReader.readFile(file, ReadOptions.withBulkDataByReference()).dataset();
        byte[] json = json(lazy, DicomJsonWriter.Options.DEFAULT.withBulkData(BulkDataPolicy.URI));
        JsonNode pixelData = new ObjectMapper().readTree(json).get("7FE00010");
        assertThat(pixelData.get("BulkDataURI").asText()).startsWith("file:").contains("?offset=");
        assertThat(pixelData.has("InlineBinary")).isFalse();

        Dataset back = new DicomJsonReader().read(new ByteArrayInputStream(json));
        assertThat(back.getValue(Tags.PixelData)).isEqualTo(lazy.getValue(Tags.PixelData));
        assertThat(((BulkData) back.getValue(Tags.PixelData)).readAllBytes())
                .isEqualTo(DicomReader.readFile(file).dataset().getBytes(Tags.PixelData));
    }

    @Test
    void omittedBulkDataLeavesTheRest() throws IOException {
        Path file = Samples.get("ct/dicompyler_ct0.dcm");
        Dataset full = DicomReader.readFile(file).dataset();
        byte[] json = json(full, DicomJsonWriter.Options.DEFAULT.withBulkData(BulkDataPolicy.OMIT));
        Dataset back = new DicomJsonReader().read(new ByteArrayInputStream(json));
        assertThat(back.contains(Tags.PixelData)).isFalse();
        full.remove(Tags.PixelData);
        DatasetAssert.assertSameValues(back, full, file.toString());
    }

    @Test
    void bigEndianBulkDataIsInlinedLittleEndian() throws IOException {
        Path file = Samples.get("other/pydicom_rtdose_explicit_big_endian.dcm");
        Dataset lazy = DicomReader.readFile(file, ReadOptions.withBulkDataByReference()).dataset();
        assertThat(lazy.getValue(Tags.PixelData)).isInstanceOf(BulkData.class);
        Dataset back = new DicomJsonReader().read(new ByteArrayInputStream(json(lazy, DicomJsonWriter.Options.DEFAULT)));
        assertThat(back.getBytes(Tags.PixelData)).isEqualTo(DicomReader.readFile(file).dataset().getBytes(Tags.PixelData));
    }
}
