package org.qanode.rt;

import org.qanode.compare.PairStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.qanode.dicom.UID;

/**
 * Puts one plan's two sides next to each other: plan values, beams by number, brachy channels,
 * the control-point metrics, and the resulting status with the list of changed parameters.
 */
final class PlanAssembler {
    private PlanAssembler() {
    }

    static RtSummary.Plan assemble(String uid, boolean twoSided, PlanSummary planA, List<RecordSummary> recordsA,
                                   PlanSummary planB, List<RecordSummary> recordsB, Map<String, PairStatus> pairStatus,
                                   PlanPairMetrics.Result metrics) {
        Course courseA = new Course(planA, recordsA);
        Course courseB = new Course(planB, recordsB);
        RtSummary.PlanSide sideA = planA == null && recordsA.isEmpty() ? null : courseA.side(className(planA));
        RtSummary.PlanSide sideB = planB == null && recordsB.isEmpty() ? null : courseB.side(className(planB));
        List<String> changes = new ArrayList<>();
        if (sideA != null && sideB != null) {
            for (RtSummary.Named<RtSummary.PlanSide> f : RtSummary.PlanSide.FIELDS) {
                Object va = f.value().apply(sideA);
                Object vb = f.value().apply(sideB);
                if (!Objects.equals(va, vb)) {
                    changes.add(f.name() + " " + shortValue(va) + " -> " + shortValue(vb));
                }
            }
        }
        List<RtSummary.Beam> beams = beams(twoSided, planA, courseA, planB, courseB, metrics, changes);
        List<RtSummary.Channel> channels = channels(twoSided, planA, courseA, planB, courseB, changes);
        List<Integer> onlyA = new ArrayList<>();
        List<Integer> onlyB = new ArrayList<>();
        for (RtSummary.Beam b : beams) {
            if (b.status() == PairStatus.ONLY_IN_BASELINE && planA != null && planB != null) {
                onlyA.add(b.number());
            } else if (b.status() == PairStatus.ONLY_IN_CANDIDATE && planA != null && planB != null) {
                onlyB.add(b.number());
            }
        }
        PairStatus status = null;
        if (twoSided) {
            recordChanges(uid, recordsA, recordsB, pairStatus, changes);
            status = status(uid, planA, sideA, planB, sideB, pairStatus, changes);
        }
        String study = planA != null ? planA.studyInstanceUid() : planB != null ? planB.studyInstanceUid()
                : !recordsA.isEmpty() ? recordsA.get(0).studyInstanceUid() : recordsB.isEmpty() ? null
                : recordsB.get(0).studyInstanceUid();
        return new RtSummary.Plan(uid, study, status, twoSided ? changes : null, sideA, twoSided ? sideB : null,
                onlyA, onlyB, beams, channels);
    }

    private static PairStatus status(String uid, PlanSummary planA, RtSummary.PlanSide sideA, PlanSummary planB,
                                   RtSummary.PlanSide sideB, Map<String, PairStatus> pairStatus, List<String> changes) {
        PairStatus planPair = uid == null ? null : pairStatus.get(uid);
        if (planPair == PairStatus.UNREADABLE) {
            return PairStatus.UNREADABLE;
        }
        if (planA != null && planB == null || sideB == null) {
            return PairStatus.ONLY_IN_BASELINE;
        }
        if (planA == null && planB != null || sideA == null) {
            return PairStatus.ONLY_IN_CANDIDATE;
        }
        if (planPair == PairStatus.DIFFERENT && changes.isEmpty()) {
            changes.add("plan object differs outside the summarised values (see the tag-path differences)");
        }
        return changes.isEmpty() ? PairStatus.IDENTICAL : PairStatus.DIFFERENT;
    }

    /** Record objects of the plan that the comparator found different, missing or unreadable. */
    private static void recordChanges(String uid, List<RecordSummary> a, List<RecordSummary> b,
                                      Map<String, PairStatus> pairStatus, List<String> changes) {
        Set<String> seen = new TreeSet<>();
        for (List<RecordSummary> side : List.of(a, b)) {
            for (RecordSummary r : side) {
                PairStatus s = r.sopInstanceUid() == null ? null : pairStatus.get(r.sopInstanceUid());
                if (s != null && s != PairStatus.IDENTICAL && seen.add(r.sopInstanceUid())) {
                    changes.add(UID.nameOf(r.sopClassUid()) + " " + r.sopInstanceUid() + ": " + s);
                }
            }
        }
    }

    private static List<RtSummary.Beam> beams(boolean twoSided, PlanSummary planA, Course courseA, PlanSummary planB,
                                              Course courseB, PlanPairMetrics.Result metrics, List<String> changes) {
        Set<Integer> numbers = new TreeSet<>(Comparator.nullsLast(Comparator.naturalOrder()));
        Set<Integer> inA = new LinkedHashSet<>(courseA.beamNumbers());
        Set<Integer> inB = new LinkedHashSet<>(courseB.beamNumbers());
        if (planA != null) {
            planA.beams().forEach(x -> inA.add(x.number()));
        }
        if (planB != null) {
            planB.beams().forEach(x -> inB.add(x.number()));
        }
        numbers.addAll(inA);
        numbers.addAll(inB);
        List<RtSummary.Beam> out = new ArrayList<>();
        for (Integer n : numbers) {
            BeamParameters pa = planA == null ? null : planA.beam(n);
            BeamParameters pb = planB == null ? null : planB.beam(n);
            RtSummary.BeamSide sa = inA.contains(n) ? new RtSummary.BeamSide(pa, courseA.delivery(n, pa)) : null;
            RtSummary.BeamSide sb = inB.contains(n) ? new RtSummary.BeamSide(pb, courseB.delivery(n, pb)) : null;
            BeamMetrics m = metrics(metrics, n);
            String name = pa != null ? pa.name() : pb != null ? pb.name() : courseA.beamName(n) != null ? courseA.beamName(n) : courseB.beamName(n);
            String label = "beam " + n + (name != null ? " (" + name + ")" : "");
            if (!twoSided) {
                out.add(new RtSummary.Beam(n, name, null, null, sa, null, null));
                continue;
            }
            List<String> changed = new ArrayList<>();
            PairStatus status;
            if (sb == null || (pa != null && pb == null)) {
                status = PairStatus.ONLY_IN_BASELINE;
                changes.add(label + ": only in baseline");
            } else if (sa == null || (pa == null && pb != null)) {
                status = PairStatus.ONLY_IN_CANDIDATE;
                changes.add(label + ": only in candidate");
            } else {
                if (pa != null) {
                    for (String f : BeamParameters.changed(pa, pb)) {
                        changed.add(f);
                        BeamParameters.Field field = BeamParameters.FIELDS.stream().filter(x -> x.name().equals(f))
                                .findFirst().orElseThrow();
                        changes.add(label + ": " + f + " " + shortValue(field.value().apply(pa)) + " -> "
                                + shortValue(field.value().apply(pb)));
                    }
                }
                deliveryChanges(sa.delivery(), sb.delivery(), label, changed, changes);
                metricChanges(m, label, changes);
                status = changed.isEmpty() && (m == null || m.none()) ? PairStatus.IDENTICAL : PairStatus.DIFFERENT;
            }
            out.add(new RtSummary.Beam(n, name, status, changed, sa, sb, m));
        }
        return out;
    }

    private static void deliveryChanges(RtSummary.Delivery a, RtSummary.Delivery b, String label, List<String> changed,
                                        List<String> changes) {
        for (RtSummary.Named<RtSummary.Delivery> f : RtSummary.Delivery.FIELDS) {
            Object va = a == null ? null : f.value().apply(a);
            Object vb = b == null ? null : f.value().apply(b);
            if (!Objects.equals(va, vb)) {
                changed.add(f.name());
                changes.add(label + ": " + f.name() + " " + shortValue(va) + " -> " + shortValue(vb));
            }
        }
    }

    private static void metricChanges(BeamMetrics m, String label, List<String> changes) {
        if (m == null) {
            return;
        }
        if (m.maxMlcDifference() != null && m.maxMlcDifference() > 0) {
            changes.add(label + ": MLC max difference " + RtFormat.value(m.maxMlcDifference()) + " mm ("
                    + m.mlcDevice() + " leaf " + m.mlcLeaf() + ", control point " + m.mlcControlPoint() + ")");
        }
        if (m.maxMetersetWeightDifference() != null && m.maxMetersetWeightDifference() > 0) {
            changes.add(label + ": meterset weight max difference " + RtFormat.value(m.maxMetersetWeightDifference())
                    + " % (control point " + m.metersetWeightControlPoint() + ")");
        }
        if (m.maxAngleDifference() != null && m.maxAngleDifference() > 0) {
            changes.add(label + ": " + m.angle() + " angle max difference " + RtFormat.value(m.maxAngleDifference())
                    + " deg (control point " + m.angleControlPoint() + ")");
        }
        if (m.unmatchedControlPoints() > 0) {
            changes.add(label + ": " + m.unmatchedControlPoints() + " control points on one side only");
        }
    }

    private static List<RtSummary.Channel> channels(boolean twoSided, PlanSummary planA, Course courseA,
                                                    PlanSummary planB, Course courseB, List<String> changes) {
        List<RtSummary.Channel> out = new ArrayList<>();
        List<BrachyChannel> a = planA == null ? List.of() : planA.brachyChannels();
        List<BrachyChannel> b = planB == null ? List.of() : planB.brachyChannels();
        int n = Math.max(a.size(), twoSided ? b.size() : 0);
        for (int i = 0; i < n; i++) {
            BrachyChannel ca = i < a.size() ? a.get(i) : null;
            BrachyChannel cb = twoSided && i < b.size() ? b.get(i) : null;
            RtSummary.ChannelSide sa = ca == null ? null : courseA.channel(ca);
            RtSummary.ChannelSide sb = cb == null ? null : courseB.channel(cb);
            BrachyChannel any = ca != null ? ca : cb;
            PairStatus status = null;
            if (twoSided) {
                status = sa == null ? PairStatus.ONLY_IN_CANDIDATE : sb == null ? PairStatus.ONLY_IN_BASELINE
                        : sa.equals(sb) ? PairStatus.IDENTICAL : PairStatus.DIFFERENT;
                if (status != PairStatus.IDENTICAL) {
                    changes.add("channel " + any.channel() + " of application setup " + any.applicationSetup() + ": "
                            + status);
                }
            }
            out.add(new RtSummary.Channel(any.applicationSetup(), any.channel(), status, sa, sb));
        }
        return out;
    }

    private static BeamMetrics metrics(PlanPairMetrics.Result r, Integer beam) {
        if (r == null) {
            return null;
        }
        for (BeamMetrics m : r.beams()) {
            if (Objects.equals(m.beamNumber(), beam)) {
                return m;
            }
        }
        return null;
    }

    private static String className(PlanSummary p) {
        return p == null ? null : UID.nameOf(p.sopClassUid());
    }

    /** A value for the change list: lists of fractions are long, so they are summarised. */
    private static String shortValue(Object v) {
        if (v instanceof List<?> l && !l.isEmpty() && !(l.get(0) instanceof Double)) {
            return "(" + l.size() + " entries)";
        }
        return v == null ? "(none)" : RtFormat.value(v);
    }
}
