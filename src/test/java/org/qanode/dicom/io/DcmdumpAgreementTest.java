package org.qanode.dicom.io;

import org.qanode.dicom.Tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qanode.dicom.ByteValues;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Fragments;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tag;
import org.qanode.dicom.VR;
import org.qanode.testing.Dcmtk;
import org.qanode.testing.Dcmtk.DumpLine;
import org.qanode.testing.Samples;

/**
 * Our reader and dcmtk's {@code dcmdump} (run as {@code dcmdump +L -Un +U8}: whole values,
 * UIDs not mapped to names, text converted to UTF-8) see the same elements in every sample:
 * the same list of (tag path, VR, value length, value), file meta group included.
 *
 * <p>Normalisation, all of it here:
 * <ul>
 *   <li>Delimitation items are not compared: dcmdump prints them "for re-encoding" whether or
 *       not the file has them. Items are compared as entries of their own (their count and
 *       order), with the fragments of encapsulated pixel data ("pi") compared byte for byte.</li>
 *   <li>Text values: dcmdump prints them with trailing spaces and NULs removed; ours are
 *       decoded with the Specific Character Set in force and trimmed the same way, then
 *       compared exactly (leading spaces and inner backslashes included).</li>
 *   <li>Binary numbers: US, SS, UL, SL, AT compared as printed; FL, OF compared as floats
 *       and FD, OD as doubles parsed from dcmdump's text (dcmdump prints FL with fewer
 *       digits, so these compare at relative 1e-6 and 1e-15). OB, UN, OW compared as the
 *       full hex dump.</li>
 *   <li>Private and unknown tags: dcmdump prints "??" where we say UN; the two are the same.
 *       Where dcmtk's private dictionary (private.dic) knows a private tag of an implicit VR
 *       data set and we (with no private dictionary) hold UN, the VR is allowed to differ
 *       and our bytes are formatted with dcmtk's VR before comparing, so the value bytes
 *       still have to agree. The number of such elements is reported per file.</li>
 *   <li>Lengths are compared for every element; sequences and items only by their content.</li>
 * </ul>
 * The deliberately truncated sample must fail in both.
 */
class DcmdumpAgreementTest {

    @BeforeAll
    static void needsDcmdump() {
        assumeTrue(Dcmtk.available("dcmdump"), "dcmdump (dcmtk) not installed");
    }

    static Stream<Path> samples() {
        return Samples.readable().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sameElementsAsDcmdump(Path file) throws Exception {
        Dcmtk.Result dump = Dcmtk.run("dcmdump", "+L", "-Un", "+U8", file.toString());
        assertThat(dump.exitCode()).as("dcmdump exit code, " + dump.stderr()).isZero();
        List<DumpLine> theirs = Dcmtk.parseDump(dump.stdout());

        DicomFile ours = DicomReader.readFile(file);
        List<Entry> mine = new ArrayList<>();
        if (ours.fileMeta() != null) {
            collect(ours.fileMeta(), "", mine);
        }
        collect(ours.dataset(), "", mine);

        // +U8 converts text to UTF-8 and rewrites (or adds) Specific Character Set accordingly
        mine.removeIf(e -> e.path().endsWith(Tag.toString(Tags.SpecificCharacterSet)));
        theirs.removeIf(d -> d.path().endsWith(Tag.toString(Tags.SpecificCharacterSet)));
        privateSequences = 0;
        privateDictionaryVrs = 0;
        ambiguousVrs = 0;
        List<String> problems = compare(mine, theirs);
        System.out.printf("%s: %d elements agree; %d private sequences checked by bytes, %d UN shown with a private.dic VR, "
                + "%d OB|OW chosen otherwise%n",
                Samples.root().relativize(file), mine.size(), privateSequences, privateDictionaryVrs, ambiguousVrs);
        assertThat(problems).as(file + ": differences from dcmdump (first 30)").isEmpty();
    }

    @Test
    void truncatedSampleFailsInBoth() {
        Path file = Samples.get("other/pydicom_rtplan_truncated.dcm");
        assertThat(Dcmtk.run("dcmdump", file.toString()).exitCode()).isNotZero();
        assertThatThrownBy(() -> DicomReader.readFile(file)).isInstanceOf(DicomParseException.class);
    }

    /** One element of ours, with the data set it lives in (for its character set). */
    private record Entry(String path, VR vr, Object value, Dataset owner, boolean item) {
    }

    private static void collect(Dataset ds, String prefix, List<Entry> out) {
        for (int i = 0; i < ds.size(); i++) {
            String path = prefix + Tag.toString(ds.tagAt(i));
            Object v = ds.valueAt(i);
            out.add(new Entry(path, ds.vrAt(i), v, ds, false));
            if (v instanceof Sequence seq) {
                for (int k = 0; k < seq.size(); k++) {
                    String itemPath = path + "/" + (k + 1);
                    out.add(new Entry(itemPath, null, null, ds, true));
                    collect(seq.get(k), itemPath + "/", out);
                }
            } else if (v instanceof Fragments f) {
                for (int k = 0; k < f.size(); k++) {
                    out.add(new Entry(path + "/" + (k + 1), VR.OB, f.items().get(k), ds, true));
                }
            }
        }
    }

    private static List<String> compare(List<Entry> mine, List<DumpLine> theirs) throws java.io.IOException {
        List<String> problems = new ArrayList<>();
        int i = 0;
        int j = 0;
        while ((i < mine.size() || j < theirs.size()) && problems.size() < 30) {
            Entry e = i < mine.size() ? mine.get(i) : null;
            DumpLine d = j < theirs.size() ? theirs.get(j) : null;
            if (e == null || d == null) {
                problems.add("only in " + (e == null ? "dcmdump: " + d : "ours: " + e.path()));
                i++;
                j++;
                continue;
            }
            if (!e.path().equals(d.path())) {
                problems.add("path: ours " + e.path() + ", dcmdump " + d.path());
                return problems; // the lists are out of step from here on
            }
            if (e.value() instanceof Sequence seq && (d.vr().equals("??") || d.vr().equals("UN"))) {
                // an implicit VR private sequence we recognised and dcmdump keeps as bytes
                String p = privateSequenceProblem(Tag.parse(e.path().substring(e.path().length() - 11)), seq, d);
                if (p != null) {
                    problems.add(e.path() + ": " + p);
                }
                privateSequences++;
                i++;
                while (i < mine.size() && mine.get(i).path().startsWith(e.path() + "/")) {
                    i++;
                }
                j++;
                continue;
            }
            String p = problem(e, d);
            if (p != null) {
                problems.add(e.path() + ": " + p);
            }
            i++;
            j++;
        }
        return problems;
    }

    /** Counted for the report line of each file. */
    private static int privateSequences;
    private static int privateDictionaryVrs;
    private static int ambiguousVrs;

    /**
     * dcmdump's bytes of the element, read on their own as an Implicit VR Little Endian
     * element, must give the very items we read in the stream: same extent, same content.
     */
    private static String privateSequenceProblem(int tag, Sequence ours, DumpLine d) throws java.io.IOException {
        byte[] value = unhex(d.value());
        if (value.length != d.length()) {
            return "dcmdump printed " + value.length + " of " + d.length() + " bytes";
        }
        byte[] element = new byte[8 + value.length];
        ByteValues.put16(element, 0, Tag.group(tag));
        ByteValues.put16(element, 2, Tag.element(tag));
        ByteValues.put32(element, 4, value.length);
        System.arraycopy(value, 0, element, 8, value.length);
        Dataset fromTheirBytes = DicomReader.readDataset(new java.io.ByteArrayInputStream(element), TransferSyntax.IMPLICIT_LE);
        Object theirs = fromTheirBytes.getValue(tag);
        return ByteValues.valueEquals(ours, theirs) ? null : "private sequence differs from dcmdump's bytes";
    }

    private static byte[] unhex(String s) {
        if (s.equals("(no value available)")) {
            return new byte[0];
        }
        String[] parts = s.split("\\\\");
        byte[] b = new byte[parts.length];
        for (int k = 0; k < parts.length; k++) {
            b[k] = (byte) Integer.parseInt(parts[k], 16);
        }
        return b;
    }

    /** Null when the entry agrees with dcmdump's line, else what differs. */
    private static String problem(Entry e, DumpLine d) {
        if (e.item() && e.value() == null) {
            return d.vr().equals("na") ? null : "item vs " + d.vr();
        }
        if (e.item()) { // a fragment
            byte[] b = (byte[]) e.value();
            String expected = b.length == 0 ? "(no value available)" : ByteValues.hex(b, 0, b.length);
            return d.length() == b.length && expected.equals(d.value()) ? null
                    : "fragment length " + b.length + " vs " + d.length();
        }
        VR ours = e.vr();
        String theirVr = d.vr().equals("??") ? "UN" : d.vr();
        VR formatAs = ours;
        if (!ours.name().equals(theirVr)) {
            boolean privateDictionary = ours == VR.UN && VR.ofName(theirVr) != null;
            org.qanode.dicom.DictionaryEntry entry = org.qanode.dicom.ElementDictionary.entry(Tag.parse(
                    e.path().substring(e.path().length() - 11)));
            // PS3.6 "OB or OW" (e.g. retired Curve Data) in implicit VR: dcmtk says OB, our dictionary OW
            boolean ambiguous = !privateDictionary && entry != null && entry.vrs().contains(ours) && entry.vrs().contains(VR.ofName(theirVr));
            if (ambiguous) {
                ambiguousVrs++;
            }
            if (!privateDictionary && !ambiguous) {
                return "VR " + ours + " vs dcmdump " + d.vr();
            }
            formatAs = VR.ofName(theirVr);
            privateDictionaryVrs++;
        }
        Object v = e.value();
        if (v instanceof Sequence) {
            return formatAs == VR.SQ ? null : "sequence vs " + d.vr();
        }
        if (v instanceof Fragments) {
            return d.value().startsWith("(PixelSequence") ? null : "fragments vs " + d.value();
        }
        byte[] b = (byte[]) v;
        if ((b.length & 1) == 1 && d.length() == b.length + 1L && !formatAs.isText()) {
            // dcmtk accepts an odd length and holds the value padded to even
            b = java.util.Arrays.copyOf(b, b.length + 1);
        }
        long ourLength = b.length;
        if (formatAs.kind() == VR.Kind.TEXT && d.length() != b.length) {
            // converted to UTF-8 by dcmdump (and padded to even): compare our text's length in UTF-8
            ourLength = e.owner().characterSet().decode(b, 0, b.length).getBytes(StandardCharsets.UTF_8).length;
        }
        if (ourLength != d.length() && !(ourLength != b.length && ourLength + 1 == d.length())) {
            return "length " + b.length + " vs dcmdump " + d.length();
        }
        if (b.length == 0) {
            return d.value().equals("(no value available)") ? null : "empty vs " + d.value();
        }
        return valueProblem(formatAs, b, e.owner(), d.value());
    }

    private static String valueProblem(VR vr, byte[] b, Dataset owner, String theirs) {
        if (vr.isText()) {
            String s = vr.kind() == VR.Kind.TEXT ? owner.characterSet().decode(b, 0, b.length)
                    : new String(b, StandardCharsets.ISO_8859_1);
            s = stripTrailing(s);
            String t = theirs.startsWith("[") && theirs.endsWith("]") ? theirs.substring(1, theirs.length() - 1) : theirs;
            if (s.isEmpty() && theirs.equals("(no value available)")) {
                return null; // a value of nothing but padding
            }
            return s.equals(t) ? null : "text [" + cut(s) + "] vs dcmdump " + cut(theirs);
        }
        switch (vr) {
            case FL, OF, FD, OD -> {
                double[] mine = ByteValues.decodeDoubles(vr, b);
                String[] parts = theirs.split("\\\\");
                if (parts.length != mine.length) {
                    return "value count " + mine.length + " vs " + parts.length;
                }
                double tolerance = vr == VR.FL || vr == VR.OF ? 1e-6 : 1e-15;
                for (int k = 0; k < parts.length; k++) {
                    double t = Double.parseDouble(parts[k]);
                    if (!(Double.compare(t, mine[k]) == 0
                            || Math.abs(t - mine[k]) <= tolerance * Math.max(Math.abs(t), Math.abs(mine[k])))) {
                        return "value " + k + ": " + mine[k] + " vs dcmdump " + parts[k];
                    }
                }
                return null;
            }
            case US, SS, UL, SL, SV, UV, AT -> {
                String mine = String.join("\\", ByteValues.formatBinary(vr, b));
                if (vr == VR.AT) {
                    mine = mine.toLowerCase();
                }
                return mine.equals(theirs) ? null : cut(mine) + " vs dcmdump " + cut(theirs);
            }
            case OW -> {
                StringBuilder sb = new StringBuilder(b.length / 2 * 5);
                for (int k = 0; k + 1 < b.length; k += 2) {
                    if (k > 0) {
                        sb.append('\\');
                    }
                    sb.append(String.format("%04x", ByteValues.u16(b, k)));
                }
                return sb.toString().equals(theirs) ? null : "OW words differ: " + cut(sb.toString()) + " vs " + cut(theirs);
            }
            default -> {
                String mine = ByteValues.hex(b, 0, b.length);
                return mine.equals(theirs) ? null : "bytes differ: " + cut(mine) + " vs " + cut(theirs);
            }
        }
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String cut(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
