package org.qanode.compare;

import org.qanode.result.ComparisonRunner;
import org.qanode.result.ComparisonResult;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.rt.BeamMetrics;
import org.qanode.compare.PairStatus;
import org.qanode.rt.RtSummary;
import org.qanode.testing.Dcmtk;
import org.qanode.testing.ExternalTools;
import org.qanode.testing.RtObjects;
import org.qanode.testing.StateGenerator;

/**
 * The comparator's {@code rtSummary}: a benign re-export is IDENTICAL at plan level, a seeded
 * 0.1 mm MLC change in one control point is reported with its leaf and control point (and agrees
 * with an independent pydicom reading), a lost record shows as fewer fractions delivered.
 */
class RtSummaryComparisonTest {
    private static final StateGenerator.Spec SPEC = new StateGenerator.Spec(2, 1, 2, 20, 10, 3);
    private static Profile upgrade() throws IOException {
        return new ProfileLoader(null).load("upgrade");
    }

    @TempDir
    Path dir;

    @Test
    void benignReexportIsIdenticalAtPlanLevel() throws IOException {
        StateGenerator.writeBaseline(dir.resolve("a"), SPEC);
        StateGenerator.writeCandidate(dir.resolve("b"), SPEC);
        ComparisonResult r = compare();
        RtSummary s = r.rtSummary();
        assertThat(s.plans()).isEqualTo(2);
        assertThat(s.identicalPlans()).isEqualTo(2);
        RtSummary.Plan plan = s.patients().get(0).plans().get(0);
        assertThat(plan.status()).isEqualTo(PairStatus.IDENTICAL);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.baseline().fractionsDelivered()).isEqualTo(3);
        assertThat(plan.candidate().fractionsDelivered()).isEqualTo(3);
        // equal under the profile: no control-point metrics computed, one summary for both sides
        assertThat(plan.beams()).allSatisfy(b -> {
            assertThat(b.status()).isEqualTo(PairStatus.IDENTICAL);
            assertThat(b.metrics()).isNull();
            assertThat(b.candidate()).isEqualTo(b.baseline());
        });
    }

    @Test
    void seededMlcChangeOfOneTenthMillimetreIsFoundWithLeafAndControlPoint() throws IOException {
        Dataset base = RtObjects.vmatPlan(1, 1, 2, 20, 10);
        Dataset cand = StateGenerator.benignReexport(base);
        Dataset cp = beam(cand, 2).getSequence(Tags.ControlPointSequence).get(12);
        Dataset mlc = cp.getSequence(Tags.BeamLimitingDevicePositionSequence).get(0);
        double[] leaves = mlc.getDoubles(Tags.LeafJawPositions);
        leaves[13] = Math.round((leaves[13] + 0.1) * 100) / 100.0; // bank B (10 pairs), leaf pair 4
        mlc.setDouble(Tags.LeafJawPositions, VR.DS, leaves);
        Path a = dir.resolve("a/plan.dcm");
        Path b = dir.resolve("b/plan.dcm");
        StateGenerator.write(a, base, TransferSyntax.IMPLICIT_LE);
        StateGenerator.write(b, cand, TransferSyntax.EXPLICIT_LE);

        RtSummary.Plan plan = compare().rtSummary().patients().get(0).plans().get(0);
        assertThat(plan.status()).isEqualTo(PairStatus.DIFFERENT);
        RtSummary.Beam changed = plan.beams().stream().filter(x -> x.number() == 2).findFirst().orElseThrow();
        BeamMetrics m = changed.metrics();
        assertThat(changed.status()).isEqualTo(PairStatus.DIFFERENT);
        assertThat(m.maxMlcDifference()).isEqualTo(0.1);
        assertThat(m.mlcDevice()).isEqualTo("MLCX");
        assertThat(m.mlcLeaf()).isEqualTo("B4");
        assertThat(m.mlcControlPoint()).isEqualTo(12);
        RtSummary.Beam same = plan.beams().stream().filter(x -> x.number() == 1).findFirst().orElseThrow();
        assertThat(same.status()).isEqualTo(PairStatus.IDENTICAL);
        assertThat(same.metrics().maxMlcDifference()).isZero();
        assertThat(same.metrics().maxMetersetWeightDifference()).isZero();
        assertThat(same.metrics().maxAngleDifference()).isZero();
        assertThat(plan.changes()).containsExactly("beam 2 (ARC2): MLC max difference 0.1 mm (MLCX leaf B4, control point 12)");

        // independent reading of the same two files
        ExternalTools.require(ExternalTools.DEBIAN_PYTHON, "Debian python3");
        Dcmtk.Result py = Dcmtk.run(ExternalTools.DEBIAN_PYTHON.toString(),
                Path.of("src/test/resources/org/qanode/rt/independent_summary.py").toString(), "--mlc-diff",
                a.toString(), b.toString());
        assertThat(py.exitCode()).as(py.stderr()).isZero();
        JsonNode theirs = new ObjectMapper().readTree(py.stdout());
        assertThat(theirs.get("max").asDouble()).isEqualTo(m.maxMlcDifference());
        assertThat(theirs.get("leaf").asText()).isEqualTo(m.mlcLeaf());
        assertThat(theirs.get("controlPoint").asInt()).isEqualTo(m.mlcControlPoint());
        assertThat(theirs.get("beam").asInt()).isEqualTo(changed.number());
    }

    @Test
    void lostRecordAndVanishedBeamAreReported() throws IOException {
        Dataset plan = RtObjects.vmatPlan(3, 1, 2, 5, 4);
        List<Dataset> records = List.of(RtObjects.beamsRecord(plan, 3, 1, 1), RtObjects.beamsRecord(plan, 3, 1, 2));
        Dataset fewerBeams = StateGenerator.benignReexport(plan);
        fewerBeams.getSequence(Tags.BeamSequence).remove(0); // reversed: removes beam 2
        StateGenerator.write(dir.resolve("a/plan.dcm"), plan, TransferSyntax.IMPLICIT_LE);
        StateGenerator.write(dir.resolve("b/plan.dcm"), fewerBeams, TransferSyntax.IMPLICIT_LE);
        StateGenerator.write(dir.resolve("a/r1.dcm"), records.get(0), TransferSyntax.IMPLICIT_LE);
        StateGenerator.write(dir.resolve("a/r2.dcm"), records.get(1), TransferSyntax.IMPLICIT_LE);
        StateGenerator.write(dir.resolve("b/r1.dcm"), records.get(0), TransferSyntax.EXPLICIT_LE);

        RtSummary.Plan p = compare().rtSummary().patients().get(0).plans().get(0);
        assertThat(p.status()).isEqualTo(PairStatus.DIFFERENT);
        assertThat(p.baseline().fractionsDelivered()).isEqualTo(2);
        assertThat(p.candidate().fractionsDelivered()).isEqualTo(1);
        assertThat(p.beamsOnlyInBaseline()).containsExactly(2);
        assertThat(p.changes()).contains("fractionsDelivered 2 -> 1", "beam 2 (ARC2): only in baseline",
                "RT Beams Treatment Record Storage " + records.get(1).getString(Tags.SOPInstanceUID) + ": ONLY_IN_BASELINE");
    }

    @Test
    void summaryCanBeSwitchedOff() throws IOException {
        StateGenerator.writeBaseline(dir.resolve("a"), SPEC);
        StateGenerator.writeCandidate(dir.resolve("b"), SPEC);
        ComparisonResult r = new ComparisonRunner(upgrade(), 2, false)
                .compare(new FolderSource(dir.resolve("a")), new FolderSource(dir.resolve("b")));
        assertThat(r.rtSummary()).isNull();
    }

    private ComparisonResult compare() throws IOException {
        return new ComparisonRunner(upgrade(), 2).compare(new FolderSource(dir.resolve("a"), "pre"),
                new FolderSource(dir.resolve("b"), "post"));
    }

    private static Dataset beam(Dataset plan, int number) {
        for (Dataset b : plan.getSequence(Tags.BeamSequence)) {
            if (b.getInt(Tags.BeamNumber, 0) == number) {
                return b;
            }
        }
        throw new IllegalArgumentException("no beam " + number);
    }
}
