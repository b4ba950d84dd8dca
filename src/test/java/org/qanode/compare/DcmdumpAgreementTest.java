package org.qanode.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tag;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.testing.RtObjects;
import org.qanode.testing.Samples;
import org.qanode.testing.StateGenerator;

/**
 * Agreement with an independent reading: the elements our diff reports equal the elements
 * whose lines differ between dcmtk {@code dcmdump +L} outputs of the two files.
 *
 * <p>Normalisation of the dcmdump side: the meta header (group 0002) is dropped; each element
 * line becomes "path -> value text", the path built from the indentation as
 * {@code (300c,0060)/1/(0008,1155)} with 1-based item numbers counted from the Item lines;
 * sequence, item and delimiter lines are dropped (their lengths change whenever any content
 * does); group lengths and the upgrade profile's ignored elements (InstanceCreationDate/Time,
 * SpecificCharacterSet) are dropped. Both files of a pair use one transfer syntax and item
 * order, so dcmdump's positional items line up with ours.
 */
class DcmdumpAgreementTest {
    private static final Set<String> IGNORED = Set.of("(0008,0005)", "(0008,0012)", "(0008,0013)");
    private static String dcmdump;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void findDcmdump() {
        dcmdump = Stream.of("/usr/bin/dcmdump", "/usr/local/bin/dcmdump").filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElse(null);
        if (dcmdump == null && "true".equals(System.getenv("CI"))) {
            fail("dcmdump (dcmtk) is required when CI=true");
        }
        Assumptions.assumeTrue(dcmdump != null, "dcmdump not installed");
    }

    static Stream<Arguments> pairs() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Samples.get("pairs/export-2018-04-04"))) {
            s.sorted().forEach(a -> out.add(Arguments.of(a, Samples.get("pairs/export-2018-04-05").resolve(a.getFileName()))));
        }
        // a synthetic pair with element-level changes of each kind, one syntax, one item order
        Path dir = Files.createDirectories(tmp.resolve("synthetic"));
        Dataset plan = RtObjects.vmatPlan(5, 1, 2, 6, 5);
        Dataset changed = new Dataset();
        changed.addAll(plan);
        Dataset beam2 = changed.getSequence(Tags.BeamSequence).get(1);
        beam2.setString(Tags.BeamType, VR.CS, "STATIC");
        Dataset cp = beam2.getSequence(Tags.ControlPointSequence).get(3);
        cp.setString(Tags.GantryAngle, VR.DS, "33.3");
        double[] leaves = cp.getSequence(Tags.BeamLimitingDevicePositionSequence).get(0).getDoubles(Tags.LeafJawPositions);
        leaves[2] += 2;
        cp.getSequence(Tags.BeamLimitingDevicePositionSequence).get(0).setDouble(Tags.LeafJawPositions, VR.DS, leaves);
        changed.setString(RtObjects.PRIVATE_VALUE, VR.LO, "changed");
        changed.remove(Tags.RTPlanGeometry);
        changed.setString(Tags.ReviewerName, VR.PN, "PHYSICIST^A");
        StateGenerator.write(dir.resolve("a.dcm"), plan, TransferSyntax.EXPLICIT_LE);
        StateGenerator.write(dir.resolve("b.dcm"), changed, TransferSyntax.EXPLICIT_LE);
        out.add(Arguments.of(dir.resolve("a.dcm"), dir.resolve("b.dcm")));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void reportedElementsEqualDcmdumpTextDiff(Path a, Path b) throws Exception {
        Map<String, String> da = dump(a);
        Map<String, String> db = dump(b);
        Set<String> dcmtk = new TreeSet<>();
        for (String k : da.keySet()) {
            if (!da.get(k).equals(db.get(k))) {
                dcmtk.add(k);
            }
        }
        for (String k : db.keySet()) {
            if (!da.containsKey(k)) {
                dcmtk.add(k);
            }
        }
        Profile upgrade = new ProfileLoader(null).load("upgrade");
        List<Difference> diffs = new DatasetDiffer(upgrade).diff(DicomReader.readFile(a).dataset(), DicomReader.readFile(b).dataset());
        Set<String> ours = new TreeSet<>();
        for (Difference d : diffs) {
            ours.add(dcmtkPath(d.path()));
        }
        assertThat(ours).as(a.getFileName().toString()).isNotEmpty().isEqualTo(dcmtk);
    }

    static String dcmtkPath(TagPath p) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < p.depth(); i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(Tag.toString(p.tagAt(i)).toLowerCase(Locale.ROOT));
            if (p.itemAt(i) != 0) {
                sb.append('/').append(p.itemAt(i));
            }
        }
        return sb.toString();
    }

    /** dcmdump's data set lines as path -> value text (see the class comment). */
    static Map<String, String> dump(Path file) throws Exception {
        Process proc = new ProcessBuilder(dcmdump, "+L", file.toString()).redirectErrorStream(true).start();
        String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(proc.waitFor()).as("dcmdump exit code for " + file).isZero();
        Map<String, String> out = new HashMap<>();
        List<String> prefix = new ArrayList<>();
        List<Integer> itemCounts = new ArrayList<>();
        boolean inDataSet = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("# Dicom-Data-Set")) {
                inDataSet = true;
                continue;
            }
            String trimmed = line.stripLeading();
            if (!inDataSet || !trimmed.startsWith("(")) {
                continue;
            }
            // dcmdump indents 2 spaces per level, items and elements alternating: an element
            // nested in n sequences has 4n spaces, the Item lines of its sequence 4n-2.
            int indent = (line.length() - trimmed.length()) / 2;
            String tag = trimmed.substring(0, 11).toUpperCase(Locale.ROOT);
            String vr = trimmed.substring(12, 14);
            if (trimmed.startsWith("(fffe,e000)")) {
                int level = (indent - 1) / 2;
                itemCounts.set(level, itemCounts.get(level) + 1);
                continue;
            }
            int depth = indent / 2;
            if (trimmed.startsWith("(fffe,")) {
                continue;
            }
            while (prefix.size() > depth) {
                prefix.remove(prefix.size() - 1);
                itemCounts.remove(itemCounts.size() - 1);
            }
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                path.append(prefix.get(i).toLowerCase(Locale.ROOT)).append('/').append(itemCounts.get(i)).append('/');
            }
            String lowerTag = tag.toLowerCase(Locale.ROOT);
            if (vr.equals("SQ")) {
                prefix.add(tag);
                itemCounts.add(0);
                continue;
            }
            if (lowerTag.endsWith(",0000)") || IGNORED.contains(tag)) {
                continue;
            }
            int hash = trimmed.lastIndexOf('#');
            out.put(path + lowerTag, trimmed.substring(15, hash).trim());
        }
        return out;
    }
}
