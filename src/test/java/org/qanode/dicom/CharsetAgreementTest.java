package org.qanode.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qanode.dicom.io.DicomReader;
import org.qanode.testing.ExternalTools;

/**
 * Our decoding of every text element of pydicom's character set test files (PS3.5 Annexes H, I
 * and J and more, read in place from Debian's python3-pydicom) against pydicom's, recorded in
 * test-data/charsets/expected.tsv by make_expected.py beside it. pydicom prints a PN without
 * its trailing empty groups, so PN values compare in {@link PersonName}'s normal form.
 * Private elements pydicom has a dictionary for are UN to us and decoded as pydicom's VR.
 */
class CharsetAgreementTest {
    private static final Path EXPECTED = Paths.get("test-data/charsets/expected.tsv");

    record Row(String file, String path, VR vr, String value) {
        @Override
        public String toString() {
            return file + " " + path;
        }
    }

    static Stream<Row> rows() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(EXPECTED, StandardCharsets.UTF_8)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 4);
            rows.add(new Row(f[0], f[1], VR.ofName(f[2]), json.readValue(f[3], String.class)));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decodesLikePydicom(Row row) throws IOException {
        Path dir = ExternalTools.require(ExternalTools.pydicomCharsetFiles(), "pydicom charset files (python3-pydicom)");
        Dataset ds = DicomReader.readFile(dir.resolve(row.file())).dataset();
        String[] steps = row.path().substring(1).split("/");
        for (int i = 0; i < steps.length - 1; i += 2) {
            ds = ds.getSequence(Tag.parse(steps[i])).get(Integer.parseInt(steps[i + 1]) - 1);
        }
        int tag = Tag.parse(steps[steps.length - 1]);
        String ours;
        if (ds.getVR(tag) == VR.UN && Tag.isPrivate(tag)) {
            // pydicom knows the AGFA private dictionary; implicit VR leaves us UN, so decode as its VR.
            byte[] b = ds.getBytes(tag);
            ours = String.join("\\", ByteValues.splitText(ByteValues.trimPadding(
                    ds.characterSet().decode(b, 0, b.length, row.vr()), row.vr()), row.vr()));
        } else {
            assertThat(ds.getVR(tag)).isEqualTo(row.vr());
            ours = String.join("\\", ds.getStrings(tag));
        }
        if (row.vr() == VR.PN) {
            assertThat(normalPersonNames(ours)).isEqualTo(normalPersonNames(row.value()));
        } else {
            assertThat(ours).isEqualTo(row.value());
        }
    }

    private static List<String> normalPersonNames(String values) {
        List<String> out = new ArrayList<>();
        for (String v : values.split("\\\\", -1)) {
            out.add(PersonName.parse(v).toString());
        }
        return out;
    }
}
