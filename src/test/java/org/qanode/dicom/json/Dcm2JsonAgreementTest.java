package org.qanode.dicom.json;

import org.qanode.dicom.Tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qanode.dicom.ByteValues;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.DictionaryEntry;
import org.qanode.dicom.ElementDictionary;
import org.qanode.dicom.Fragments;
import org.qanode.dicom.Tag;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.testing.ExternalTools;
import org.qanode.testing.Samples;

/**
 * Our JSON of every sample against dcmtk's {@code dcm2json} (3.6.7), both parsed with Jackson
 * and compared by meaning: same keys, same "vr", values equal, numbers equal as decimals,
 * InlineBinary equal after base64 decoding. What dcm2json does differently, and how it is
 * normalised here:
 *
 * <ul>
 * <li>Encapsulated (compressed) pixel data: dcm2json refuses the whole file ("JSON InlineBinary
 * encoding not supported for compressed pixel data"). Such samples are compared without Pixel
 * Data: we write the rest with our DicomWriter to a temporary file and give dcm2json that.</li>
 * <li>Private elements of implicit VR files: dcmtk's private dictionary gives some of them a VR
 * (LO, DS, ...) where we keep UN. Our bytes are then re-read in dcmtk's VR for the comparison.</li>
 * <li>A private UN element of undefined length (CP-246) is a sequence to our reader; dcm2json
 * writes its item bytes as UN InlineBinary. Those bytes are parsed as an Implicit VR Little
 * Endian sequence and compared item by item.</li>
 * <li>Group lengths: we leave them out; any dcm2json writes are ignored.</li>
 * <li>Specific Character Set: dcm2json converts text to UTF-8 and says "ISO_IR 192"; we keep the
 * source's (0008,0005) so the JSON reads back into the same bytes. Its value is not compared.</li>
 * <li>FL: dcm2json prints 9 significant digits, we print the shortest that reads back as the
 * same float; compared as floats. FD: dcm2json prints 16 significant digits, one short of what
 * every double needs to round-trip; compared within 2 ulp.</li>
 * <li>PN: dcm2json drops trailing '^' of each group and writes no value for a name of only
 * delimiters ("^^^^"); we keep the value as stored. Compared with trailing '^' removed.</li>
 * <li>Elements the dictionary allows two VRs for (e.g. (50xx,3000) OB or OW) are read from
 * implicit VR as OW by us, as OB by dcmtk: any VR of the dictionary entry is accepted.</li>
 * <li>Padding-only and empty multi-values: {@code null} and {@code ""} count as the same value.</li>
 * <li>Odd-length binary values: compared with a trailing zero byte added to the shorter.</li>
 * </ul>
 */
class Dcm2JsonAgreementTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    static Stream<Path> samples() {
        return Samples.readable().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void agreesWithDcm2json(Path file) throws Exception {
        Path dcm2json = ExternalTools.requireExecutable("dcm2json", "dcmtk");
        Dataset ds = DicomReader.readFile(file).dataset();
        Path input = file;
        if (ds.getValue(Tags.PixelData) instanceof Fragments) {
            ds.remove(Tags.PixelData);
            input = tmp.resolve("without-pixel-data.dcm");
            DicomWriter.writeFile(input, ds, TransferSyntax.EXPLICIT_LE);
        }
        JsonNode theirs = MAPPER.readTree(run(dcm2json, input));
        JsonNode ours = MAPPER.readTree(DicomJsonWriter.toJson(ds));
        List<String> differences = new ArrayList<>();
        compareDatasets(ours, theirs, "", differences);
        assertThat(differences).as(file.toString()).isEmpty();
    }

    private static byte[] run(Path dcm2json, Path input) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(dcm2json.toString(), "-q", "-fc", input.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).as("dcm2json exit code for " + input).isZero();
        return out;
    }

    private static void compareDatasets(JsonNode ours, JsonNode theirs, String path, List<String> diffs)
            throws IOException {
        TreeSet<String> keys = new TreeSet<>();
        ours.fieldNames().forEachRemaining(keys::add);
        for (Iterator<String> it = theirs.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.endsWith("0000")) {
                keys.add(key);
            }
        }
        for (String key : keys) {
            String p = path + "/" + key;
            JsonNode a = ours.get(key);
            JsonNode b = theirs.get(key);
            if (a == null || b == null) {
                diffs.add(p + (a == null ? " only in dcm2json" : " only in ours"));
                continue;
            }
            compareElements(Tag.parse(key), a, b, p, diffs);
        }
    }

    private static void compareElements(int tag, JsonNode a, JsonNode b, String p, List<String> diffs)
            throws IOException {
        String ourVr = a.path("vr").asText();
        String theirVr = b.path("vr").asText();
        if (!ourVr.equals(theirVr)) {
            DictionaryEntry entry = ElementDictionary.entry(tag);
            if (entry != null && entry.vrs().contains(VR.valueOf(ourVr)) && entry.vrs().contains(VR.valueOf(theirVr))) {
                theirVr = ourVr;
            } else if (ourVr.equals("UN")) {
                a = reinterpret(tag, VR.valueOf(theirVr), Base64.getDecoder().decode(a.path("InlineBinary").asText("")));
            } else if (ourVr.equals("SQ") && theirVr.equals("UN") && b.has("InlineBinary")) {
                b = undefinedLengthUnAsSequence(tag, Base64.getDecoder().decode(b.get("InlineBinary").asText()));
            } else {
                diffs.add(p + " vr " + ourVr + " vs " + theirVr);
                return;
            }
        }
        if (a.has("InlineBinary") || b.has("InlineBinary")) {
            byte[] x = Base64.getDecoder().decode(a.path("InlineBinary").asText(""));
            byte[] y = Base64.getDecoder().decode(b.path("InlineBinary").asText(""));
            if (!Arrays.equals(evenLength(x), evenLength(y))) {
                diffs.add(p + " InlineBinary differs (" + x.length + " vs " + y.length + " bytes)");
            }
            return;
        }
        JsonNode av = a.path("Value");
        JsonNode bv = b.path("Value");
        if (av.size() != bv.size() && !(allEmpty(av, theirVr) && allEmpty(bv, theirVr))) {
            diffs.add(p + " " + av.size() + " values vs " + bv.size() + ": " + av + " vs " + bv);
            return;
        }
        for (int i = 0; i < Math.min(av.size(), bv.size()); i++) {
            JsonNode x = av.get(i);
            JsonNode y = bv.get(i);
            if (x.isObject() && theirVr.equals("SQ")) {
                compareDatasets(x, y, p + "/" + (i + 1), diffs);
            } else if (tag == Tags.SpecificCharacterSet) {
                continue;
            } else if (!sameValue(x, y, theirVr)) {
                diffs.add(p + " value " + (i + 1) + ": " + x + " vs " + y);
            }
        }
    }

    private static boolean sameValue(JsonNode x, JsonNode y, String vr) {
        if (vr.equals("PN")) {
            x = withoutTrailingCarets(x);
            y = withoutTrailingCarets(y);
        }
        if (isEmpty(x) || isEmpty(y)) {
            return isEmpty(x) && isEmpty(y);
        }
        if (vr.equals("FL")) {
            return Float.parseFloat(x.asText()) == Float.parseFloat(y.asText())
                    || (Float.isNaN(Float.parseFloat(x.asText())) && Float.isNaN(Float.parseFloat(y.asText())));
        }
        if (vr.equals("FD")) {
            double dx = Double.parseDouble(x.asText());
            double dy = Double.parseDouble(y.asText());
            return dx == dy || Math.abs(dx - dy) <= 2 * Math.ulp(dx) || (Double.isNaN(dx) && Double.isNaN(dy));
        }
        if (x.isNumber() || y.isNumber()) {
            try {
                return new BigDecimal(x.asText()).compareTo(new BigDecimal(y.asText())) == 0;
            } catch (NumberFormatException e) {
                return x.asText().equals(y.asText());
            }
        }
        return x.equals(y);
    }

    private static boolean allEmpty(JsonNode values, String vr) {
        for (JsonNode v : values) {
            if (!isEmpty(vr.equals("PN") ? withoutTrailingCarets(v) : v)) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode withoutTrailingCarets(JsonNode pn) {
        if (pn == null || !pn.isObject()) {
            return pn;
        }
        com.fasterxml.jackson.databind.node.ObjectNode out = MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = pn.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> group = it.next();
            String v = group.getValue().asText().replaceAll("\\^+$", "");
            if (!v.isEmpty()) {
                out.put(group.getKey(), v);
            }
        }
        return out;
    }

    private static boolean isEmpty(JsonNode n) {
        return n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty()) || (n.isObject() && n.isEmpty());
    }

    private static byte[] evenLength(byte[] b) {
        return (b.length & 1) == 0 ? b : Arrays.copyOf(b, b.length + 1);
    }

    /** Our bytes of a UN element as the element dcmtk's private dictionary says it is. */
    private static JsonNode reinterpret(int tag, VR vr, byte[] bytes) throws IOException {
        Dataset one = new Dataset();
        one.setValue(tag, vr, bytes);
        return MAPPER.readTree(DicomJsonWriter.toJson(one)).get(Tag.toHexString(tag));
    }

    /** dcm2json's UN bytes of a CP-246 sequence, read as the Implicit VR LE items they are. */
    private static JsonNode undefinedLengthUnAsSequence(int tag, byte[] items) throws IOException {
        ByteArrayOutputStream element = new ByteArrayOutputStream();
        byte[] header = new byte[8];
        ByteValues.put16(header, 0, Tag.group(tag));
        ByteValues.put16(header, 2, Tag.element(tag));
        ByteValues.put32(header, 4, items.length);
        element.writeBytes(header);
        element.writeBytes(items);
        Dataset ds = DicomReader.readDataset(new ByteArrayInputStream(element.toByteArray()), TransferSyntax.IMPLICIT_LE);
        return MAPPER.readTree(DicomJsonWriter.toJson(ds)).get(Tag.toHexString(tag));
    }
}
