package org.qanode.rt;

import static org.qanode.rt.SummaryValues.integer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tags;

/**
 * Difference metrics between two versions of one RT (Ion) Plan: per beam paired by Beam Number,
 * control points paired by Control Point Index (else by position), the largest MLC leaf, cumulative
 * meterset weight and angle differences, and the beams that appeared or vanished.
 *
 * <p>Cheap on equal data: a value whose encoded bytes are equal on both sides is not parsed, so a
 * benign re-export costs a byte comparison per control point and device.
 */
public final class PlanPairMetrics {
    private static final double ROUND = 1e6;
    private static final int[] ANGLES = {Tags.GantryAngle, Tags.BeamLimitingDeviceAngle, Tags.PatientSupportAngle};
    private static final String[] ANGLE_NAMES = {"gantry", "collimator", "couch"};

    private PlanPairMetrics() {
    }

    /** The metrics of a plan pair, the beams only on one side listed by number. */
    public record Result(List<BeamMetrics> beams, List<Integer> beamsOnlyInBaseline, List<Integer> beamsOnlyInCandidate) {
    }

    public static Result compute(Dataset baseline, Dataset candidate) {
        boolean ion = baseline.getSequence(Tags.IonBeamSequence) != null;
        int beamTag = ion ? Tags.IonBeamSequence : Tags.BeamSequence;
        Map<Integer, Dataset> a = byNumber(baseline.getSequence(beamTag));
        Map<Integer, Dataset> b = byNumber(candidate.getSequence(beamTag));
        List<BeamMetrics> beams = new ArrayList<>();
        List<Integer> onlyA = new ArrayList<>();
        List<Integer> onlyB = new ArrayList<>();
        for (Map.Entry<Integer, Dataset> e : a.entrySet()) {
            Dataset other = b.get(e.getKey());
            if (other == null) {
                onlyA.add(e.getKey());
            } else {
                beams.add(beam(e.getKey(), e.getValue(), other, ion));
            }
        }
        for (Integer n : b.keySet()) {
            if (!a.containsKey(n)) {
                onlyB.add(n);
            }
        }
        return new Result(beams, onlyA, onlyB);
    }

    private static Map<Integer, Dataset> byNumber(Sequence beams) {
        Map<Integer, Dataset> out = new LinkedHashMap<>();
        if (beams != null) {
            for (Dataset beam : beams) {
                out.putIfAbsent(integer(beam, Tags.BeamNumber), beam);
            }
        }
        return out;
    }

    private static BeamMetrics beam(Integer number, Dataset a, Dataset b, boolean ion) {
        int cpTag = ion ? Tags.IonControlPointSequence : Tags.ControlPointSequence;
        List<Dataset> cpsA = items(a.getSequence(cpTag));
        List<Dataset> cpsB = items(b.getSequence(cpTag));
        Map<Integer, Dataset> indexB = byIndex(cpsB);
        boolean byIndex = indexB != null && byIndex(cpsA) != null;
        double finalA = finalWeight(a, cpsA);
        double finalB = finalWeight(b, cpsB);
        Worst mlc = new Worst();
        Worst weight = new Worst();
        Worst angle = new Worst();
        Side sa = new Side();
        Side sb = new Side();
        LeafCollector leafChanges = new LeafCollector(cpsA.size());
        int matched = 0;
        for (int i = 0; i < cpsA.size(); i++) {
            Dataset ca = cpsA.get(i);
            Integer index = integer(ca, Tags.ControlPointIndex);
            Dataset cb = byIndex ? indexB.get(index) : (i < cpsB.size() ? cpsB.get(i) : null);
            Integer cpNo = index != null ? index : i;
            sa.advance(ca);
            if (cb == null) {
                continue;
            }
            matched++;
            sb.advance(cb);
            for (String device : sa.raw.keySet()) {
                byte[] rb = sb.raw.get(device);
                if (rb == null) {
                    continue;
                }
                if (Arrays.equals(sa.raw.get(device), rb)) {
                    mlc.offer(0, device, null, cpNo);
                    continue;
                }
                double[] la = sa.leaves(device);
                double[] lb = sb.leaves(device);
                int half = la.length / 2;
                for (int k = 0; k < Math.min(la.length, lb.length); k++) {
                    String leaf = (k < half ? "A" : "B") + ((k % Math.max(half, 1)) + 1);
                    mlc.offer(Math.abs(la[k] - lb[k]), device, leaf, cpNo);
                    if (la[k] != lb[k]) {
                        leafChanges.add(device, half, new MlcChanges.LeafChange(cpNo, leaf, k, la[k], lb[k]));
                    }
                }
            }
            Double wa = sameBytes(ca, cb, Tags.CumulativeMetersetWeight) && finalA == finalB ? null
                    : SummaryValues.number(ca, Tags.CumulativeMetersetWeight);
            Double wb = wa == null ? null : SummaryValues.number(cb, Tags.CumulativeMetersetWeight);
            if (wa == null) {
                weight.offer(0, null, null, cpNo);
            } else if (wb != null && finalA > 0 && finalB > 0) {
                weight.offer(Math.abs(wa / finalA - wb / finalB) * 100, null, null, cpNo);
            }
            for (int k = 0; k < ANGLES.length; k++) {
                if (sa.angleRaw[k] != null && Arrays.equals(sa.angleRaw[k], sb.angleRaw[k])) {
                    angle.offer(0, ANGLE_NAMES[k], null, cpNo);
                    continue;
                }
                double d = Math.abs(sa.angle(k) - sb.angle(k)) % 360;
                angle.offer(Math.min(d, 360 - d), ANGLE_NAMES[k], null, cpNo);
            }
        }
        int unmatched = cpsA.size() - matched + Math.max(0, cpsB.size() - matched);
        return new BeamMetrics(number, mlc.value(), mlc.max > 0 ? mlc.what : null, mlc.detail, mlc.where(), weight.value(), weight.where(),
                angle.value(), angle.max > 0 ? angle.what : null, angle.where(), unmatched, leafChanges.result());
    }

    /**
     * The positions and angles in force at a control point on one side: a device or angle not
     * restated keeps its previous value. Leaf positions stay encoded until a difference needs
     * them as numbers.
     */
    private static final class Side {
        final Map<String, byte[]> raw = new HashMap<>();
        final Map<String, Dataset> item = new HashMap<>();
        final Map<String, double[]> parsed = new HashMap<>();
        final Map<String, byte[]> parsedFrom = new HashMap<>();
        final byte[][] angleRaw = new byte[ANGLES.length][];
        final Dataset[] angleItem = new Dataset[ANGLES.length];

        void advance(Dataset cp) {
            Sequence pos = cp.getSequence(Tags.BeamLimitingDevicePositionSequence);
            if (pos != null) {
                for (Dataset d : pos) {
                    String type = d.getString(Tags.RTBeamLimitingDeviceType);
                    if (type == null || !type.startsWith("MLC")) {
                        continue;
                    }
                    byte[] bytes = d.getBytes(Tags.LeafJawPositions);
                    if (bytes != null) {
                        raw.put(type, bytes);
                        item.put(type, d);
                    }
                }
            }
            for (int k = 0; k < ANGLES.length; k++) {
                byte[] v = cp.getBytes(ANGLES[k]);
                if (v != null && v.length > 0) {
                    angleRaw[k] = v;
                    angleItem[k] = cp;
                }
            }
        }

        /** The angle in force, 0 when never stated (as the first control point must, C.8.8.14.8). */
        double angle(int k) {
            Double v = angleItem[k] == null ? null : SummaryValues.number(angleItem[k], ANGLES[k]);
            return v == null ? 0 : v;
        }

        double[] leaves(String device) {
            byte[] current = raw.get(device);
            if (parsedFrom.get(device) != current) {
                parsed.put(device, SummaryValues.doubles(item.get(device), Tags.LeafJawPositions));
                parsedFrom.put(device, current);
            }
            return parsed.get(device);
        }
    }

    /** The differing leaf positions of one beam, the first {@link MlcChanges#LIMIT} kept. */
    private static final class LeafCollector {
        final int controlPoints;
        final List<MlcChanges.LeafChange> kept = new ArrayList<>();
        String device;
        int leafPairs;
        int total;

        LeafCollector(int controlPoints) {
            this.controlPoints = controlPoints;
        }

        void add(String device, int leafPairs, MlcChanges.LeafChange change) {
            if (this.device == null) {
                this.device = device;
                this.leafPairs = leafPairs;
            }
            total++;
            if (kept.size() < MlcChanges.LIMIT) {
                kept.add(change);
            }
        }

        MlcChanges result() {
            return total == 0 ? null : new MlcChanges(device, leafPairs, controlPoints, total, List.copyOf(kept));
        }
    }

    /** The largest value offered and where it was; the first one wins ties. */
    private static final class Worst {
        double max = -1;
        String what;
        String detail;
        Integer where;

        void offer(double v, String what, String detail, Integer where) {
            if (v > max) {
                max = v;
                this.what = what;
                this.detail = detail;
                this.where = where;
            }
        }

        Double value() {
            return max < 0 ? null : Math.round(max * ROUND) / ROUND;
        }

        /** The location of a real difference; none when the worst is zero. */
        Integer where() {
            return max > 0 ? where : null;
        }
    }

    private static boolean sameBytes(Dataset a, Dataset b, int tag) {
        byte[] x = a.getBytes(tag);
        byte[] y = b.getBytes(tag);
        return x != null && Arrays.equals(x, y);
    }

    private static double finalWeight(Dataset beam, List<Dataset> cps) {
        Double f = SummaryValues.number(beam, Tags.FinalCumulativeMetersetWeight);
        if (f == null && !cps.isEmpty()) {
            f = SummaryValues.number(cps.get(cps.size() - 1), Tags.CumulativeMetersetWeight);
        }
        return f == null ? 0 : f;
    }

    private static List<Dataset> items(Sequence s) {
        return s == null ? List.of() : s.items();
    }

    /** Control points by Control Point Index; null when an index is missing or repeated. */
    private static Map<Integer, Dataset> byIndex(List<Dataset> cps) {
        Map<Integer, Dataset> out = new HashMap<>();
        for (Dataset cp : cps) {
            Integer i = integer(cp, Tags.ControlPointIndex);
            if (i == null || out.put(i, cp) != null) {
                return null;
            }
        }
        return out;
    }
}
