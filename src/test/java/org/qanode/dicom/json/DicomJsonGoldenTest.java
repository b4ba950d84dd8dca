package org.qanode.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.qanode.dicom.ByteValues;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tag;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.testing.DatasetAssert;

/**
 * A hand-built data set with every VR against the golden JSON in test-data/json/, both ways.
 * The fixture was checked by hand against PS3.18 Annex F; F.2 sections are noted at the values.
 */
class DicomJsonGoldenTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path ALL_VRS = Paths.get("test-data/json/all-vrs.json");
    private static final Path JAPANESE = Paths.get("test-data/json/iso2022-japanese.json");

    /** Every VR once, empty values, multi-values with an empty one, nested and empty sequences. */
    static Dataset allVrs() {
        Dataset ds = new Dataset();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tags.InstanceCreationDate, VR.DA, "20261122");
        ds.setString(Tags.InstanceCreationTime, VR.TM, "220000.123");
        ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.481.5");
        ds.setString(Tags.AcquisitionDateTime, VR.DT, "20261122220000+0100");
        ds.setNull(Tags.AccessionNumber, VR.SH);
        ds.setString(Tags.RetrieveAETitle, VR.AE, "QANODE");
        ds.setString(Tags.InstitutionAddress, VR.ST, "  Rue 1, Genève");
        ds.setNull(Tags.ReferringPhysicianName, VR.PN);
        ds.setString(Tags.LongCodeValue, VR.UC, "a\\b");
        ds.setString(Tags.URNCodeValue, VR.UR, "urn:oid:1.2.3");
        ds.setDouble(Tags.TimeRange, VR.FD, 0.1, -2.5e300);
        ds.setString(Tags.PatientName, VR.PN, "Müller^Hans", "", "=山田^太郎=やまだ");
        ds.setString(Tags.PatientID, VR.LO, "QA-1", "", "ß");
        ds.setString(Tags.PatientAge, VR.AS, "045Y");
        ds.setValue(Tags.ExaminedBodyThickness, VR.FL, ByteValues.encodeDoubles(VR.FL, 0.1, Double.NaN));
        ds.setString(Tags.PatientComments, VR.LT, "line 1\r\nline 2");
        ds.setValue(Tags.ReferencePixelX0, VR.SL, ByteValues.encodeInts(VR.SL, -2147483648));
        ds.setString(Tags.InstanceNumber, VR.IS, "7");
        ds.setValue(Tags.DimensionIndexPointer, VR.AT, ByteValues.encodeInts(VR.AT, Tags.BeamSequence, Tags.PixelData));
        ds.setString(Tags.PatientOrientation, VR.CS, "A", "F");
        ds.setValue(Tags.Rows, VR.US, ByteValues.encodeInts(VR.US, 65535));
        ds.setValue(Tags.SmallestImagePixelValue, VR.SS, ByteValues.encodeInts(VR.SS, -5));
        ds.setValue(Tags.VerticesOfThePolygonalOutline, VR.OF, ByteValues.encodeDoubles(VR.OF, 1.5, -1));
        ds.setValue(Tags.DoublePointCoordinatesData, VR.OD, ByteValues.encodeDoubles(VR.OD, 1e-3));
        ds.setValue(Tags.LongPrimitivePointIndexList, VR.OL, ByteValues.encodeInts(VR.OL, 1, 2));
        byte[] sv = new byte[16];
        ByteValues.put64(sv, 0, -42);
        ByteValues.put64(sv, 8, Long.MIN_VALUE);
        ds.setValue(Tags.SelectorSVValue, VR.SV, sv);
        byte[] uv = new byte[16];
        ByteValues.put64(uv, 0, 1L << 53);
        ByteValues.put64(uv, 8, -1L); // 2^64 - 1
        ds.setValue(Tags.SelectorUVValue, VR.UV, uv);
        ds.setString(Tags.IsocenterPosition, VR.DS, "-1.50", "+2", "3.5e1");
        ds.setValue(Tags.SimpleFrameList, VR.UL, ByteValues.encodeInts(VR.UL, -1));
        Sequence beams = ds.newSequence(Tags.BeamSequence, 2);
        Dataset beam = beams.addItem();
        beam.setString(Tags.BeamName, VR.LO, "Arc 1");
        beam.setString(Tags.BeamNumber, VR.IS, "1");
        Dataset cp = beam.newSequence(Tags.ControlPointSequence, 1).addItem();
        cp.setString(Tags.ControlPointIndex, VR.IS, "0");
        cp.setString(Tags.GantryAngle, VR.DS, "181.0");
        beam.newSequence(Tags.BlockSequence, 0);
        beams.addItem();
        ds.setValue(Tags.TextValue, VR.UT, "free text \\ with a backslash".getBytes(StandardCharsets.UTF_8));
        ds.setString(0x00090010, VR.LO, "QANODE TEST");
        ds.setValue(0x00091001, VR.UN, new byte[] {1, 2, 3, 4});
        ds.setValue(Tags.EncapsulatedDocument, VR.OB, "%PDF".getBytes(StandardCharsets.US_ASCII));
        ds.setValue(Tags.PixelData, VR.OW, ByteValues.encodeInts(VR.OW, 0, 1, 0x7FFF, 0xFFFF));
        return ds;
    }

    private static String prettyJson(Dataset ds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DicomJsonWriter(DicomJsonWriter.Options.DEFAULT.withPrettyPrint(true)).write(ds, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheGoldenJson() throws IOException {
        JsonNode expected = MAPPER.readTree(ALL_VRS.toFile());
        JsonNode actual = MAPPER.readTree(prettyJson(allVrs()));
        assertThat(actual.toPrettyString()).isEqualTo(expected.toPrettyString());
    }

    @Test
    void readsTheGoldenJson() throws IOException {
        Dataset read = new DicomJsonReader().read(Files.newInputStream(ALL_VRS));
        DatasetAssert.assertSameValues(read, allVrs(), ALL_VRS.toString());
        assertThat(read.getStrings(Tags.PatientName)).containsExactly("Müller^Hans", "", "=山田^太郎=やまだ");
        assertThat(read.getStrings(Tags.IsocenterPosition)).containsExactly("-1.50", "+2", "3.5e1");
        assertThat(Double.isNaN(read.getDoubles(Tags.ExaminedBodyThickness)[1])).isTrue();
        assertThat(read.getSequence(Tags.BeamSequence).get(0).getSequence(Tags.BlockSequence).isEmpty()).isTrue();
    }

    @Test
    void japaneseNamesKeepTheirIso2022EncodingThroughJson() throws IOException {
        // The golden JSON is Unicode; its own (0008,0005) makes the reader encode as PS3.5 H.3.1 does.
        Dataset read = new DicomJsonReader().read(Files.newInputStream(JAPANESE));
        assertThat(new String(read.getBytes(Tags.PatientName), StandardCharsets.ISO_8859_1)).isEqualTo(
                "Yamada^Tarou=\u001b$B;3ED\u001b(B^\u001b$BB@O:\u001b(B=\u001b$B$d$^$@\u001b(B^\u001b$B$?$m$&\u001b(B");
        assertThat(MAPPER.readTree(DicomJsonWriter.toJson(read))).isEqualTo(MAPPER.readTree(JAPANESE.toFile()));
    }

    @Test
    void valueBeforeVrAndCharacterSetAfterItsTextAreFine() throws IOException {
        String json = "{\"00100010\":{\"Value\":[{\"Alphabetic\":\"Buc^Jérôme\"}],\"vr\":\"PN\"},"
                + "\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
                + "\"300A012C\":{\"Value\":[1.50,2],\"vr\":\"DS\"}}";
        Dataset ds = DicomJsonReader.fromJson(json);
        assertThat(ds.getBytes(Tags.PatientName)).isEqualTo("Buc^Jérôme".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ds.getStrings(Tags.IsocenterPosition)).containsExactly("1.50", "2");
    }

    @Test
    void errorsNameTheTagPath() {
        assertThatThrownBy(() -> DicomJsonReader.fromJson(
                "{\"300A00B0\":{\"vr\":\"SQ\",\"Value\":[{\"300A00C0\":{\"vr\":\"IS\",\"Value\":[{}]}}]}}"))
                .isInstanceOf(DicomJsonException.class)
                .hasMessageContaining("/(300A,00B0)/1/(300A,00C0)");
        assertThatThrownBy(() -> DicomJsonReader.fromJson("{\"00100010\":{\"vr\":\"XX\"}}"))
                .isInstanceOf(DicomJsonException.class).hasMessageContaining("unknown vr \"XX\"");
        assertThatThrownBy(() -> DicomJsonReader.fromJson("{\"0010001\":{\"vr\":\"PN\"}}"))
                .isInstanceOf(DicomJsonException.class).hasMessageContaining("not a tag");
    }
}
