package org.qanode.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.qanode.compare.FolderSource;
import org.qanode.compare.ProfileLoader;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.result.ComparisonResult;
import org.qanode.result.ComparisonRunner;
import org.qanode.testing.RtObjects;
import org.qanode.testing.Samples;
import org.qanode.testing.StateGenerator;

/**
 * A known comparison for the report tests, with every pair status:
 * <ul>
 * <li>patient 1 (QA000001), VMAT plan of three arcs (5 control points, 10 leaf pairs) and two
 *     treated fractions: arc 1's Beam Meterset raised by 10 %, leaf B3 of arc 1 at control point
 *     index 2 moved by +0.1 mm, arc 2's gantry start moved from 181 to 181.3 degrees; arc 3
 *     unchanged (DIFFERENT; records IDENTICAL);</li>
 * <li>patient 2, a two-arc plan lost in the candidate (ONLY_IN_BASELINE);</li>
 * <li>patient 3, a two-group 3D plan without records, unchanged (IDENTICAL);</li>
 * <li>patient 4, a plan only in the candidate (ONLY_IN_CANDIDATE);</li>
 * <li>a truncated plan file in the candidate (UNREADABLE).</li>
 * </ul>
 */
public final class ReportScenario {
    public static final int LEAF_PAIRS = 10;
    /** Leaf B3 is value LEAF_PAIRS + 2 (0-based) of LeafJawPositions: bank A's values come first (C.8.8.14.6). */
    public static final int CHANGED_LEAF_VALUE = LEAF_PAIRS + 2;
    public static final int CHANGED_CONTROL_POINT = 2;

    private ReportScenario() {
    }

    /** Patient 1's plan as the baseline holds it. */
    public static Dataset plan1() {
        return RtObjects.vmatPlan(1, 1, 3, 5, LEAF_PAIRS);
    }

    /** Arc 1's MLC item at the changed control point. */
    public static Dataset changedMlc(Dataset plan) {
        return plan.getSequence(Tags.BeamSequence).get(0).getSequence(Tags.ControlPointSequence).get(CHANGED_CONTROL_POINT)
                .getSequence(Tags.BeamLimitingDevicePositionSequence).get(0);
    }

    public static double changedMeterset(double baseline) {
        return Math.round(baseline * 1.1 * 10000) / 10000.0;
    }

    public static double changedLeaf(double baseline) {
        return Math.round((baseline + 0.1) * 100) / 100.0;
    }

    public static ComparisonResult compare(Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Dataset plan1 = plan1();
        StateGenerator.write(a.resolve("plan1.dcm"), plan1, TransferSyntax.EXPLICIT_LE);
        Dataset changed = plan1();
        Dataset ref1 = changed.getSequence(Tags.FractionGroupSequence).get(0).getSequence(Tags.ReferencedBeamSequence).get(0);
        ref1.setDouble(Tags.BeamMeterset, VR.DS, changedMeterset(ref1.getDouble(Tags.BeamMeterset, 0)));
        Sequence beams = changed.getSequence(Tags.BeamSequence);
        Dataset mlc = changedMlc(changed);
        double[] leaves = mlc.getDoubles(Tags.LeafJawPositions);
        leaves[CHANGED_LEAF_VALUE] = changedLeaf(leaves[CHANGED_LEAF_VALUE]);
        mlc.setDouble(Tags.LeafJawPositions, VR.DS, leaves);
        beams.get(1).getSequence(Tags.ControlPointSequence).get(0).setDouble(Tags.GantryAngle, VR.DS, 181.3);
        StateGenerator.write(b.resolve("plan1.dcm"), StateGenerator.benignReexport(changed), TransferSyntax.IMPLICIT_LE);
        for (int f = 1; f <= 2; f++) {
            Dataset r = RtObjects.beamsRecord(plan1, 1, 1, f);
            StateGenerator.write(a.resolve("rec1-" + f + ".dcm"), r, TransferSyntax.EXPLICIT_LE);
            StateGenerator.write(b.resolve("rec1-" + f + ".dcm"), r, TransferSyntax.EXPLICIT_LE);
        }
        StateGenerator.write(a.resolve("plan2.dcm"), RtObjects.vmatPlan(2, 1, 2, 3, 4), TransferSyntax.EXPLICIT_LE);
        Dataset plan3 = RtObjects.multiGroupPlan(3);
        StateGenerator.write(a.resolve("plan3.dcm"), plan3, TransferSyntax.EXPLICIT_LE);
        StateGenerator.write(b.resolve("plan3.dcm"), plan3, TransferSyntax.EXPLICIT_LE);
        StateGenerator.write(b.resolve("plan4.dcm"), RtObjects.vmatPlan(4, 1, 1, 3, 4), TransferSyntax.EXPLICIT_LE);
        Files.copy(Samples.get("other/pydicom_rtplan_truncated.dcm"), b.resolve("cut.dcm"));
        return new ComparisonRunner(new ProfileLoader(null).load("upgrade"), 1)
                .compare(new FolderSource(a, "pre"), new FolderSource(b, "post"));
    }
}
