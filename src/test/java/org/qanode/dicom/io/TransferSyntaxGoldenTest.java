package org.qanode.dicom.io;

import org.qanode.dicom.Tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tag;
import org.qanode.dicom.VR;
import org.qanode.testing.DatasetAssert;

/**
 * Golden bytes per transfer syntax (PS3.5 section 7 and Annex A): a small RT Plan data set
 * built here is written by {@link DicomWriter} as a Part 10 file and must equal, byte for
 * byte, the file pydicom 2.3.1 wrote from the same elements ({@code test-data/golden/*.hex},
 * made once by {@code test-data/golden/make_golden.py}); each fixture read back by
 * {@link DicomReader} must equal the data set. It has nested sequences (three levels, several
 * items), US, FL, FD and AT values (byte-swapped in Big Endian), odd-length UI, LO and OB values
 * (NUL, space and NUL padding). The fixtures have undefined-length sequences and items, as our
 * writer produces; one extra fixture with defined lengths is read only.
 */
class TransferSyntaxGoldenTest {
    static final Path GOLDEN = Path.of("test-data", "golden");

    /** The same data set as make_golden.py's plan(). */
    static Dataset plan() {
        Dataset ds = new Dataset();
        ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.481.5");
        ds.setString(Tags.SOPInstanceUID, VR.UI, "1.2.3.4.5");
        ds.setString(0x00080060, VR.CS, "RTPLAN");
        ds.setString(0x00100010, VR.PN, "Doe^Jane");
        ds.setString(0x00100020, VR.LO, "QA1");
        ds.setInt(0x00280009, VR.AT, 0x3004000C);
        ds.setInt(0x00280010, VR.US, 512);
        ds.setInt(0x00280011, VR.US, 256);
        ds.setBytes(0x00420011, VR.OB, new byte[] {1, 2, 3, 4, 5});
        ds.setString(0x300A0002, VR.SH, "Plan 1");
        Sequence beams = ds.newSequence(0x300A00B0, 2);
        for (int b = 1; b <= 2; b++) {
            Dataset beam = beams.addItem();
            beam.setString(0x300A00C0, VR.IS, Integer.toString(b));
            beam.setString(0x300A00C2, VR.LO, "Beam " + b);
            beam.setDouble(0x300A00C5, VR.FD, 12.25 * b);
            Sequence cps = beam.newSequence(0x300A0111, 2);
            for (int c = 0; c <= 1; c++) {
                Dataset cp = cps.addItem();
                cp.setString(0x300A0112, VR.IS, Integer.toString(c));
                cp.setDouble(0x300A0140, VR.FL, 0.5 + c);
                Dataset dev = cp.newSequence(0x300A011A, 1).addItem();
                dev.setString(0x300A00B8, VR.CS, "X");
                dev.setString(0x300A011C, VR.DS, c == 0 ? new String[] {"-50", "50"} : new String[] {"-47.5", "52.5"});
            }
        }
        return ds;
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("plan_implicit_le", TransferSyntax.IMPLICIT_LE),
                Arguments.of("plan_explicit_le", TransferSyntax.EXPLICIT_LE),
                Arguments.of("plan_explicit_be", TransferSyntax.EXPLICIT_BE),
                Arguments.of("plan_deflated_le", TransferSyntax.DEFLATED_LE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void writerProducesTheGoldenBytes(String name, TransferSyntax ts) throws IOException {
        Dataset ds = plan();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeFile(out, DicomWriter.createFileMetaInformation(ds, ts.uid(), null), ds, ts);
        byte[] golden = golden(name);
        assertThat(HexFormat.ofDelimiter(" ").formatHex(out.toByteArray()))
                .as("our %s bytes vs pydicom's", ts.uid())
                .isEqualTo(HexFormat.ofDelimiter(" ").formatHex(golden));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void goldenBytesReadBackEqual(String name, TransferSyntax ts) throws IOException {
        DicomFile f = DicomReader.readFile(new ByteArrayInputStream(golden(name)), ReadOptions.DEFAULT);
        assertThat(f.transferSyntax()).isEqualTo(ts);
        DatasetAssert.assertSameContent(f.dataset(), plan(), name);
        assertRealValues(f.dataset());
    }

    @Test
    void definedLengthSequencesReadEqual() throws IOException {
        Dataset ds = DicomReader.readFile(new ByteArrayInputStream(golden("plan_explicit_le_defined_lengths")),
                ReadOptions.DEFAULT).dataset();
        DatasetAssert.assertSameContent(ds, plan(), "defined lengths");
    }

    /** Decoded values too, so a Big Endian swap cannot cancel out between writer and reader. */
    private static void assertRealValues(Dataset ds) {
        assertThat(ds.getInt(0x00280010, 0)).isEqualTo(512);
        assertThat(ds.getInts(0x00280009)).containsExactly(0x3004000C);
        assertThat(ds.getString(Tags.SOPInstanceUID)).isEqualTo("1.2.3.4.5");
        assertThat(ds.getString(0x00100020)).isEqualTo("QA1");
        Dataset beam2 = ds.getSequence(0x300A00B0).get(1);
        assertThat(beam2.getDouble(0x300A00C5, 0)).isEqualTo(24.5);
        Dataset cp1 = beam2.getSequence(0x300A0111).get(1);
        assertThat(cp1.getDouble(0x300A0140, 0)).isEqualTo(1.5);
        assertThat(cp1.getNestedDataset(0x300A011A).getDoubles(0x300A011C)).containsExactly(-47.5, 52.5);
    }

    static byte[] golden(String name) throws IOException {
        String hex = Files.readAllLines(GOLDEN.resolve(name + ".hex")).stream()
                .filter(l -> !l.startsWith("#"))
                .collect(Collectors.joining())
                .replaceAll("\\s+", "");
        return HexFormat.of().parseHex(hex);
    }
}
