package org.qanode.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.result.ComparisonResult;
import org.qanode.result.ComparisonRunner;
import org.qanode.testing.RtObjects;
import org.qanode.testing.StateGenerator;

/**
 * Private elements are identified by private creator and element offset, not by block number
 * (PS3.5 7.8.1, issue 13).
 */
class PrivateBlocksTest {
    static final String VARIAN = "Varian Medical Systems VISION 3253";
    static final String ACME = "ACME RT 1.0";
    static Profile upgrade;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        upgrade = new ProfileLoader(null).load("upgrade");
    }

    /** A data set with one private block of {@code creator} at {@code block} holding {@code values} from offset 01. */
    static Dataset withBlock(Dataset ds, int group, int block, String creator, String... values) {
        ds.setString(group << 16 | block, VR.LO, creator);
        for (int i = 0; i < values.length; i++) {
            ds.setString(group << 16 | block << 8 | (i + 1), VR.LO, values[i]);
        }
        return ds;
    }

    static Dataset base() {
        Dataset ds = new Dataset();
        ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.481.5");
        ds.setString(Tags.SOPInstanceUID, VR.UI, "2.25.1");
        ds.setString(Tags.PatientID, VR.LO, "P1");
        return ds;
    }

    private static List<String> diff(Dataset a, Dataset b) {
        return new DatasetDiffer(upgrade).diff(a, b).stream()
                .map(d -> d.path() + " " + d.kind() + " " + d.baseline() + " " + d.candidate()).toList();
    }

    @Test
    void sameCreatorAndValuesInAnotherBlockIsNoChange() {
        Dataset a = withBlock(base(), 0x3253, 0x10, VARIAN, "PlanIntent CURATIVE", "x");
        Dataset b = withBlock(base(), 0x3253, 0x11, VARIAN + " ", "PlanIntent CURATIVE", "x");
        assertThat(diff(a, b)).isEmpty();
        assertThat(diff(b, a)).isEmpty();
    }

    @Test
    void changedValueInARelocatedBlockIsAChangeAtTheBaselinePath() {
        Dataset a = withBlock(base(), 0x3253, 0x10, VARIAN, "PlanIntent CURATIVE", "x");
        Dataset b = withBlock(base(), 0x3253, 0x11, VARIAN, "PlanIntent PALLIATIVE", "x");
        assertThat(diff(a, b)).containsExactly("/(3253,1001) CHANGED PlanIntent CURATIVE PlanIntent PALLIATIVE");
        assertThat(diff(b, a)).containsExactly("/(3253,1101) CHANGED PlanIntent PALLIATIVE PlanIntent CURATIVE");
    }

    @Test
    void elementOnOneSideKeepsTheTagOfTheSideThatHoldsIt() {
        Dataset a = withBlock(base(), 0x3253, 0x10, VARIAN, "v1");
        Dataset b = withBlock(base(), 0x3253, 0x11, VARIAN, "v1", "new");
        assertThat(diff(a, b)).containsExactly("/(3253,1102) ADDED null new");
        assertThat(diff(b, a)).containsExactly("/(3253,1102) REMOVED new null");
    }

    @Test
    void swappedBlocksOfTwoCreatorsAreNoChange() {
        Dataset a = withBlock(withBlock(base(), 0x3253, 0x10, ACME, "a1", "a2"), 0x3253, 0x11, VARIAN, "v1");
        Dataset b = withBlock(withBlock(base(), 0x3253, 0x10, VARIAN, "v1"), 0x3253, 0x11, ACME, "a1", "a2");
        assertThat(diff(a, b)).isEmpty();
        b.setString(0x32531101, VR.LO, "a1 changed");
        assertThat(diff(a, b)).containsExactly("/(3253,1001) CHANGED a1 a1 changed");
    }

    @Test
    void elementsOfDifferentCreatorsAreNeverComparedWithEachOther() {
        Dataset a = withBlock(base(), 0x3253, 0x10, ACME, "same");
        Dataset b = withBlock(base(), 0x3253, 0x10, VARIAN, "same");
        assertThat(diff(a, b)).containsExactlyInAnyOrder(
                "/(3253,0010) REMOVED " + ACME + " null",
                "/(3253,1001) REMOVED same null",
                "/(3253,0010) ADDED null " + VARIAN,
                "/(3253,1001) ADDED null same");
        // the candidate's VARIAN block moves to the baseline's number, its OTHER block out of the way
        Dataset a2 = withBlock(withBlock(base(), 0x3253, 0x10, ACME, "same"), 0x3253, 0x11, VARIAN, "v");
        Dataset b2 = withBlock(base(), 0x3253, 0x10, VARIAN, "v");
        b2.setString(0x32530011, VR.LO, "OTHER");
        b2.setString(0x32531101, VR.LO, "same");
        assertThat(diff(a2, b2)).containsExactlyInAnyOrder(
                "/(3253,0010) REMOVED " + ACME + " null",
                "/(3253,1001) REMOVED same null",
                "/(3253,0011) ADDED null OTHER",
                "/(3253,1101) ADDED null same");
    }

    @Test
    void unknownCreatorsAndOrphanElementsAreStillCompared() {
        Dataset a = withBlock(base(), 0x0009, 0x10, "SOME UNKNOWN VENDOR", "1");
        Dataset b = withBlock(base(), 0x0009, 0x12, "SOME UNKNOWN VENDOR", "2");
        assertThat(diff(a, b)).containsExactly("/(0009,1001) CHANGED 1 2");
        Dataset orphanA = base();
        orphanA.setString(0x32531001, VR.LO, "x");
        Dataset orphanB = base();
        orphanB.setString(0x32531001, VR.LO, "y");
        assertThat(diff(orphanA, orphanB)).containsExactly("/(3253,1001) CHANGED x y");
    }

    @Test
    void relocatedBlocksInsideSequenceItems() {
        Dataset a = base();
        Dataset b = base();
        Sequence sa = a.newSequence(Tags.BeamSequence, 1);
        Sequence sb = b.newSequence(Tags.BeamSequence, 1);
        Dataset beamA = withBlock(new Dataset(), 0x300B, 0x10, "MOSAIQ", "1.5");
        beamA.setInt(Tags.BeamNumber, VR.IS, 1);
        Dataset beamB = withBlock(new Dataset(), 0x300B, 0x13, "MOSAIQ", "1.5");
        beamB.setInt(Tags.BeamNumber, VR.IS, 1);
        sa.addCopyOf(beamA);
        sb.addCopyOf(beamB);
        assertThat(diff(a, b)).isEmpty();
        sb.get(0).setString(0x300B1301, VR.LO, "2.5");
        assertThat(diff(a, b)).containsExactly("/BeamSequence/1/(300B,1001) CHANGED 1.5 2.5");
    }

    @Test
    void relocatedBlockInAnImplicitVrFileIsNoChange() throws IOException {
        Path dirA = Files.createDirectories(tmp.resolve("a"));
        Path dirB = Files.createDirectories(tmp.resolve("b"));
        Dataset plan = RtObjects.vmatPlan(1, 1, 1, 3, 4);
        Dataset moved = new Dataset();
        moved.addAll(plan);
        moved.remove(RtObjects.PRIVATE_CREATOR);
        moved.remove(RtObjects.PRIVATE_VALUE);
        withBlock(moved, 0x3253, 0x11, VARIAN, plan.getString(RtObjects.PRIVATE_VALUE));
        StateGenerator.write(dirA.resolve("plan.dcm"), plan, TransferSyntax.EXPLICIT_LE);
        StateGenerator.write(dirB.resolve("plan.dcm"), moved, TransferSyntax.IMPLICIT_LE);
        ComparisonResult r = new ComparisonRunner(upgrade, 1).compare(new FolderSource(dirA), new FolderSource(dirB));
        assertThat(r.pairs()).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo(PairStatus.IDENTICAL));
    }
}
