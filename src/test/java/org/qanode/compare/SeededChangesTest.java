package org.qanode.compare;

import org.qanode.result.ComparisonRunner;
import org.qanode.result.ComparisonResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.testing.RtObjects;
import org.qanode.testing.StateGenerator;

/**
 * Synthetic states: a benign re-export compares with zero differences; every seeded change is
 * reported exactly once, at the right path, with the right values.
 */
class SeededChangesTest {
    static final StateGenerator.Spec SPEC = new StateGenerator.Spec(4, 1, 2, 10, 10, 3);

    @TempDir
    static Path tmp;
    static Profile upgrade;

    @BeforeAll
    static void profile() throws IOException {
        upgrade = new ProfileLoader(null).load("upgrade");
    }

    private static ComparisonResult compare(Path a, Path b) throws IOException {
        return new ComparisonRunner(upgrade, 2).compare(new FolderSource(a, "pre"), new FolderSource(b, "post"));
    }

    @Test
    void benignReexportHasNoDifferences() throws IOException {
        Path a = tmp.resolve("benign-a");
        Path b = tmp.resolve("benign-b");
        StateGenerator.writeBaseline(a, SPEC);
        StateGenerator.writeCandidate(b, SPEC);
        ComparisonResult r = compare(a, b);
        assertThat(r.pairs()).allSatisfy(p -> assertThat(p.differences()).as(p.sopInstanceUid()).isEmpty());
        assertThat(r.summary().identical()).isEqualTo(SPEC.objects());
        assertThat(r.summary().paired()).isEqualTo(SPEC.objects());
        assertThat(r.noDifferences()).isTrue();
    }

    @Test
    void groupLengthsPresentOnOneSideAreNoDifference() {
        Dataset plan = RtObjects.vmatPlan(1, 1, 2, 3, 4);
        Dataset withLengths = new Dataset();
        withLengths.addAll(plan);
        withLengths.setInt(0x00080000, VR.UL, 1234);
        withLengths.setInt(0x300A0000, VR.UL, 99);
        withLengths.getSequence(Tags.BeamSequence).get(0).setInt(0x300A0000, VR.UL, 7);
        assertThat(new DatasetDiffer(upgrade).diff(plan, withLengths)).isEmpty();
    }

    @Test
    void eachSeededChangeIsReportedOnceAtItsPath() throws IOException {
        Path a = tmp.resolve("seeded-a");
        Path b = tmp.resolve("seeded-b");
        StateGenerator.writeBaseline(a, SPEC);
        List<String> expected = new ArrayList<>();
        String p1 = RtObjects.planUid(1, 1);
        String p2 = RtObjects.planUid(2, 1);
        String p3 = RtObjects.planUid(3, 1);
        for (int patient = 1; patient <= 3; patient++) { // patient 4 is missing from the candidate
            int n = 0;
            for (Dataset original : StateGenerator.patientObjects(SPEC, patient)) {
                n++;
                Dataset ds = StateGenerator.benignReexport(original);
                String uid = ds.getString(Tags.SOPInstanceUID);
                boolean deletedRecord = patient == 2 && n == 3;
                if (uid.equals(p1)) {
                    Dataset rb = ds.getSequence(Tags.FractionGroupSequence).get(0).getSequence(Tags.ReferencedBeamSequence).get(0);
                    String old = rb.getString(Tags.BeamMeterset);
                    rb.setString(Tags.BeamMeterset, VR.DS, "123.4");
                    expected.add(p1 + " /FractionGroupSequence/1/ReferencedBeamSequence/1/BeamMeterset CHANGED " + old + " 123.4");
                    // candidate beam order is reversed: beam 2 is item 1 there, item 2 in the baseline
                    Dataset beam2 = beam(ds, 2);
                    Dataset jawX = beam2.getSequence(Tags.ControlPointSequence).get(0)
                            .getSequence(Tags.BeamLimitingDevicePositionSequence).get(0);
                    jawX.setString(Tags.LeafJawPositions, VR.DS, "-51", "50");
                    expected.add(p1 + " /BeamSequence/2/ControlPointSequence/1/BeamLimitingDevicePositionSequence/1/LeafJawPositions CHANGED -50\\50 -51\\50");
                    Sequence cps = beam(ds, 1).getSequence(Tags.ControlPointSequence);
                    cps.remove(cps.size() - 1);
                    expected.add(p1 + " /BeamSequence/1/ControlPointSequence/10 REMOVED (item ControlPointIndex=9) null");
                } else if (uid.equals(p2)) {
                    Dataset cp5 = beam(ds, 1).getSequence(Tags.ControlPointSequence).get(4);
                    String old = cp5.getString(Tags.GantryAngle);
                    cp5.setString(Tags.GantryAngle, VR.DS, "12.5");
                    expected.add(p2 + " /BeamSequence/1/ControlPointSequence/5/GantryAngle CHANGED " + old + " 12.5");
                    beam(ds, 2).setString(Tags.BeamType, VR.CS, "STATIC");
                    expected.add(p2 + " /BeamSequence/2/BeamType CHANGED DYNAMIC STATIC");
                    ds.setString(RtObjects.PRIVATE_VALUE, VR.LO, "PlanIntent PALLIATIVE");
                    expected.add(p2 + " /(3253,1001) CHANGED PlanIntent CURATIVE PlanIntent PALLIATIVE");
                } else if (uid.equals(p3)) {
                    Dataset mlc = beam(ds, 2).getSequence(Tags.ControlPointSequence).get(6)
                            .getSequence(Tags.BeamLimitingDevicePositionSequence).get(0);
                    String before = String.join("\\", mlc.getStrings(Tags.LeafJawPositions));
                    double[] leaves = mlc.getDoubles(Tags.LeafJawPositions);
                    leaves[3] += 1.0;
                    leaves[4] += 0.004; // inside the 0.01 mm LeafJawPositions tolerance: not a difference
                    mlc.setDouble(Tags.LeafJawPositions, VR.DS, leaves);
                    String after = String.join("\\", mlc.getStrings(Tags.LeafJawPositions));
                    expected.add(p3 + " /BeamSequence/2/ControlPointSequence/7/BeamLimitingDevicePositionSequence/1/LeafJawPositions CHANGED "
                            + before + " " + after);
                    Dataset fg = ds.getSequence(Tags.FractionGroupSequence).get(0);
                    String old = fg.getString(Tags.NumberOfFractionsPlanned);
                    fg.setInt(Tags.NumberOfFractionsPlanned, VR.IS, 5);
                    expected.add(p3 + " /FractionGroupSequence/1/NumberOfFractionsPlanned CHANGED " + old + " 5");
                } else if (patient == 3 && n == 2) {
                    Dataset ref = ds.getSequence(Tags.ReferencedRTPlanSequence).get(0);
                    ref.setString(Tags.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4.5");
                    expected.add(uid + " /ReferencedRTPlanSequence/1/ReferencedSOPInstanceUID CHANGED " + p3 + " 1.2.3.4.5");
                }
                if (deletedRecord) {
                    expected.add(uid + " ONLY_IN_BASELINE");
                    continue;
                }
                StateGenerator.write(StateGenerator.candidatePath(b, ds, n), ds, StateGenerator.syntax(patient + n));
            }
        }
        Dataset plan1 = RtObjects.vmatPlan(1, 1, SPEC.arcs(), SPEC.controlPoints(), SPEC.leafPairs());
        Dataset added = RtObjects.beamsRecord(plan1, 1, 1, 99);
        StateGenerator.write(b.resolve("new/record99.dcm"), added, StateGenerator.syntax(0));
        expected.add(added.getString(Tags.SOPInstanceUID) + " ONLY_IN_CANDIDATE");
        for (Dataset gone : StateGenerator.patientObjects(SPEC, 4)) {
            expected.add(gone.getString(Tags.SOPInstanceUID) + " ONLY_IN_BASELINE");
        }

        ComparisonResult r = compare(a, b);
        List<String> actual = new ArrayList<>();
        for (PairResult p : r.pairs()) {
            if (p.status() == PairStatus.ONLY_IN_BASELINE || p.status() == PairStatus.ONLY_IN_CANDIDATE) {
                actual.add(p.sopInstanceUid() + " " + p.status());
            }
            for (Difference d : p.differences()) {
                actual.add(p.sopInstanceUid() + " " + d.path() + " " + d.kind() + " " + d.baseline() + " " + d.candidate());
            }
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.summary().baselineObjects()).isEqualTo(SPEC.objects());
        assertThat(r.summary().candidateObjects()).isEqualTo(SPEC.objects() - SPEC.objects() / 4 - 1 + 1);
        assertThat(r.pairs().stream().filter(p -> p.status() == PairStatus.DIFFERENT).map(PairResult::sopInstanceUid)
                .collect(Collectors.toSet())).hasSize(4);
        PairResult p2pair = r.pairs().stream().filter(p -> p2.equals(p.sopInstanceUid())).findFirst().orElseThrow();
        assertThat(p2pair.severity()).isEqualTo(Severity.ALERT);
        assertThat(p2pair.patientId()).isEqualTo(RtObjects.patientId(2));
        assertThat(p2pair.sopClassName()).isEqualTo("RT Plan Storage");
        assertThat(p2pair.differences()).filteredOn(d -> d.path().toString().equals("/BeamSequence/2/BeamType"))
                .singleElement().satisfies(d -> {
                    assertThat(d.tag()).isEqualTo("300A00C4");
                    assertThat(d.vr()).isEqualTo("CS");
                });
    }

    private static Dataset beam(Dataset plan, int number) {
        for (Dataset b : plan.getSequence(Tags.BeamSequence)) {
            if (b.getInt(Tags.BeamNumber, -1) == number) {
                return b;
            }
        }
        throw new AssertionError("no beam " + number);
    }

    @Test
    void fallbackKeysPairAPlanWhoseUidWasReissued() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("reissue-a"));
        Path b = Files.createDirectories(tmp.resolve("reissue-b"));
        Dataset plan = RtObjects.vmatPlan(7, 1, 1, 3, 4);
        StateGenerator.write(a.resolve("plan.dcm"), plan, StateGenerator.syntax(1));
        Dataset reissued = new Dataset();
        reissued.addAll(plan);
        reissued.setString(Tags.SOPInstanceUID, VR.UI, "2.25.99");
        StateGenerator.write(b.resolve("plan.dcm"), reissued, StateGenerator.syntax(2));
        ComparisonResult r = compare(a, b);
        assertThat(r.pairs()).singleElement().satisfies(p -> {
            assertThat(p.pairedBy()).isEqualTo("PatientID+RTPlanLabel+RTPlanDate+RTPlanTime");
            assertThat(p.differences()).singleElement().satisfies(d -> {
                assertThat(d.path()).hasToString("/SOPInstanceUID");
                assertThat(d.candidate()).isEqualTo("2.25.99");
            });
        });
    }

    @Test
    void paddingAndNumberFormsAreNoDifferenceButTextIs() {
        Dataset a = new Dataset();
        a.setBytes(Tags.SOPInstanceUID, VR.UI, "1.2.3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        a.setString(Tags.PatientID, VR.LO, "ABC");
        a.setString(Tags.NumberOfBeams, VR.IS, "2");
        a.setDouble(Tags.SourceAxisDistance, VR.FD, 1000.0);
        Dataset b = new Dataset();
        b.setString(Tags.SOPInstanceUID, VR.UI, "1.2.3");
        b.setBytes(Tags.PatientID, VR.LO, " ABC  ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.setString(Tags.NumberOfBeams, VR.IS, "+02");
        b.setDouble(Tags.SourceAxisDistance, VR.FD, 1000.0000000001);
        assertThat(new DatasetDiffer(upgrade).diff(a, b)).isEmpty();
        b.setString(Tags.PatientID, VR.LO, "abc");
        b.setDouble(Tags.SourceAxisDistance, VR.FD, 1000.001);
        assertThat(new DatasetDiffer(upgrade).diff(a, b)).extracting(d -> d.path() + " " + d.baseline() + " " + d.candidate())
                .containsExactly("/PatientID ABC abc", "/SourceAxisDistance 1000.0 1000.001");
    }
}
