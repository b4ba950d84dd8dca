package org.qanode.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qanode.compare.PairStatus;
import org.qanode.rt.BeamMetrics;
import org.qanode.rt.BeamParameters;
import org.qanode.rt.RtSummary;

/**
 * A plan's changes as a physicist reads them: labels and units instead of field names
 * ("beam 1 (ARC1): beam meterset 345.62 -> 380.18 MU"), a plan present on one side only said once
 * (not once per beam), and control points named by Control Point Index. Built from the summary's
 * values; entries of {@link RtSummary.Plan#changes()} this class does not rebuild (records,
 * brachy channels, anything added later) are kept as they are, runs of record objects with one
 * status counted in one line.
 */
final class RtChanges {
    /** One line per record object up to this many of one class and status; beyond, a count. */
    static final int RECORDS_LISTED = 3;
    private static final Pattern RECORD = Pattern.compile("(.+) ([0-9.]+): (ONLY_IN_BASELINE|ONLY_IN_CANDIDATE|DIFFERENT|UNREADABLE)");

    private RtChanges() {
    }

    static List<String> of(RtSummary.Plan plan) {
        List<String> out = new ArrayList<>();
        RtSummary.PlanSide a = plan.baseline();
        RtSummary.PlanSide b = plan.candidate();
        if (plan.status() == PairStatus.ONLY_IN_BASELINE || plan.status() == PairStatus.ONLY_IN_CANDIDATE) {
            RtSummary.PlanSide side = a != null ? a : b;
            String where = plan.status() == PairStatus.ONLY_IN_BASELINE ? "only in baseline (missing after)" : "only in candidate (new)";
            out.add((side != null && side.planPresent() ? "whole plan " : "records of the plan ") + where + ": "
                    + plan.beams().size() + (plan.beams().size() == 1 ? " beam, " : " beams, ")
                    + (side == null ? 0 : side.records()) + " treatment records");
        } else if (a != null && b != null) {
            for (RtSummary.Named<RtSummary.PlanSide> f : RtSummary.PlanSide.FIELDS) {
                Object va = f.value().apply(a);
                Object vb = f.value().apply(b);
                if (!Objects.equals(va, vb)) {
                    out.add(f.name().equals("fractionGroups") ? fractionGroups(a, b) : change(f.name(), va, vb, null));
                }
            }
            for (RtSummary.Beam beam : plan.beams()) {
                beam(beam, out);
            }
        }
        passThrough(plan, out);
        return out;
    }

    private static void beam(RtSummary.Beam beam, List<String> out) {
        String label = beamLabel(beam);
        if (beam.status() == PairStatus.ONLY_IN_BASELINE || beam.status() == PairStatus.ONLY_IN_CANDIDATE) {
            out.add(label + ": only in " + (beam.status() == PairStatus.ONLY_IN_BASELINE ? "baseline" : "candidate"));
            return;
        }
        BeamParameters pa = beam.baseline() == null ? null : beam.baseline().planned();
        BeamParameters pb = beam.candidate() == null ? null : beam.candidate().planned();
        if (pa != null && pb != null) {
            for (BeamParameters.Field f : BeamParameters.FIELDS) {
                Object va = f.value().apply(pa);
                Object vb = f.value().apply(pb);
                if (!Objects.equals(va, vb)) {
                    out.add(label + ": " + change(f.name(), va, vb, pa.radiationType()));
                }
            }
        }
        RtSummary.Delivery da = beam.baseline() == null ? null : beam.baseline().delivery();
        RtSummary.Delivery db = beam.candidate() == null ? null : beam.candidate().delivery();
        boolean deliveryChanged = false;
        boolean fractionsChanged = false;
        for (RtSummary.Named<RtSummary.Delivery> f : RtSummary.Delivery.FIELDS) {
            Object va = da == null ? null : f.value().apply(da);
            Object vb = db == null ? null : f.value().apply(db);
            if (Objects.equals(va, vb)) {
                continue;
            }
            if (f.name().equals("fractions")) {
                fractionsChanged = true;
            } else {
                deliveryChanged = true;
                out.add(label + ": " + change(f.name(), va, vb, null));
            }
        }
        if (fractionsChanged && !deliveryChanged) {
            // same counts and totals, yet the fraction list differs (dates, sessions, a partial one)
            out.add(label + ": delivered fractions differ (dates, sessions or completion)");
        }
        BeamMetrics m = beam.metrics();
        if (m == null) {
            return;
        }
        if (m.maxMlcDifference() != null && m.maxMlcDifference() > 0) {
            out.add(label + ": MLC leaves differ by up to " + RtUnit.MM.format(m.maxMlcDifference()) + " mm (largest at "
                    + (m.mlcDevice() != null ? m.mlcDevice() + " " : "") + "leaf " + m.mlcLeaf() + ", control point "
                    + m.mlcControlPoint() + ")");
        }
        if (m.maxMetersetWeightDifference() != null && m.maxMetersetWeightDifference() > 0) {
            out.add(label + ": cumulative meterset weight differs by up to "
                    + RtUnit.PERCENT.format(m.maxMetersetWeightDifference()) + " % (control point "
                    + m.metersetWeightControlPoint() + ")");
        }
        if (m.maxAngleDifference() != null && m.maxAngleDifference() > 0) {
            out.add(label + ": " + m.angle() + " angle differs by up to " + RtUnit.DEGREES.format(m.maxAngleDifference())
                    + " deg (control point " + m.angleControlPoint() + ")");
        }
        if (m.unmatchedControlPoints() > 0) {
            out.add(label + ": " + m.unmatchedControlPoints() + " control points on one side only");
        }
    }

    static String beamLabel(RtSummary.Beam beam) {
        return "beam " + (beam.number() == null ? "(no number)" : beam.number()) + (beam.name() != null ? " (" + beam.name() + ")" : "");
    }

    /** "gantry start 179.0 -> 181.3 deg"; a missing side is "(none)". */
    static String change(String name, Object a, Object b, String radiationType) {
        RtLabels.Label l = RtLabels.of(name);
        String[] v = l.unit().pair(a, b);
        String unit = l.unit() == RtUnit.ENERGY ? RtUnit.energyUnit(radiationType) : l.unit().unit;
        return l.text() + " " + orNone(v[0]) + " -> " + orNone(v[1]) + (unit.isEmpty() ? "" : " " + unit);
    }

    private static String fractionGroups(RtSummary.PlanSide a, RtSummary.PlanSide b) {
        return "fraction groups " + groups(a) + " -> " + groups(b);
    }

    static String groups(RtSummary.PlanSide s) {
        if (s.fractionGroups() == null || s.fractionGroups().isEmpty()) {
            return "(none)";
        }
        List<String> parts = new ArrayList<>();
        for (RtSummary.FractionGroupSide g : s.fractionGroups()) {
            parts.add("group " + dash(g.number()) + ": " + dash(g.fractionsDelivered()) + "/" + dash(g.fractionsPlanned())
                    + " fractions" + (g.dosePerFraction() != null ? ", " + RtUnit.GY.format(g.dosePerFraction()) + " Gy/fraction" : ""));
        }
        return String.join("; ", parts);
    }

    private static String dash(Integer n) {
        return n == null ? "-" : n.toString();
    }

    private static String orNone(String s) {
        return s.isEmpty() ? "(none)" : s;
    }

    /** What the summary's change list says that {@link #of} does not rebuild. */
    private static void passThrough(RtSummary.Plan plan, List<String> out) {
        Map<String, List<String>> records = new LinkedHashMap<>();
        for (String c : plan.changes()) {
            if (c.startsWith("beam ") || rebuilt(c)) {
                continue;
            }
            Matcher m = RECORD.matcher(c);
            if (m.matches()) {
                records.computeIfAbsent(m.group(1) + ": " + words(m.group(3)), k -> new ArrayList<>()).add(c);
            } else {
                out.add(c);
            }
        }
        records.forEach((kind, lines) -> {
            if (lines.size() <= RECORDS_LISTED) {
                lines.forEach(l -> {
                    Matcher m = RECORD.matcher(l);
                    out.add(m.matches() ? m.group(1) + " " + m.group(2) + ": " + words(m.group(3)) : l);
                });
            } else {
                int colon = kind.lastIndexOf(": ");
                out.add(lines.size() + " " + kind.substring(0, colon) + " objects: " + kind.substring(colon + 2));
            }
        });
    }

    private static boolean rebuilt(String change) {
        for (RtSummary.Named<RtSummary.PlanSide> f : RtSummary.PlanSide.FIELDS) {
            if (change.startsWith(f.name() + " ")) {
                return true;
            }
        }
        return false;
    }

    /** ONLY_IN_BASELINE -> "only in baseline". */
    static String words(String status) {
        return status.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
