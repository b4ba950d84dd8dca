package org.qanode.report;

import static org.qanode.report.HtmlReport.esc;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.qanode.compare.PairStatus;
import org.qanode.rt.BeamMetrics;
import org.qanode.rt.BeamParameters;
import org.qanode.rt.MlcChanges;
import org.qanode.rt.RtSummary;

/**
 * The clinical opening of the HTML report and of the UI's comparison page (Zhang et al. 2019): per
 * patient a table of plans with fractions delivered/planned, dose per fraction and total dose,
 * before and after, and the status (Fig. 4); then for every plan present on both sides and not
 * identical a per-beam table of the delivery parameters, before and after, changed cells
 * highlighted (Fig. 6), with human labels, units and rounding ({@link RtLabels}, {@link RtUnit}).
 * Beams identical on both sides are collapsed into one line; a plan on one side only is said once
 * in the plan table. Changed MLC leaves are listed and drawn as a heat map ({@link MlcHeatMap}).
 */
final class RtSummaryHtml {
    static final String STYLE = """
            td.changed{background:#fdd;font-weight:bold}
            .IDENTICAL{color:#060}.DIFFERENT,.ONLY_IN_BASELINE,.ONLY_IN_CANDIDATE,.UNREADABLE{color:#a00;font-weight:bold}
            table.beams td,table.beams th{font-size:9pt}
            table.beams th[scope=row]{text-align:left;font-weight:normal;white-space:nowrap}
            ul.changes,ul.leaf-changes{margin:0;padding-left:1.2em}
            p.note{font-size:9pt;color:#444}
            svg.mlc-heatmap{display:block;margin:.3em 0 1em}
            """;
    /** Changed leaves listed in words per beam; all are in the heat map (up to MlcChanges.LIMIT). */
    static final int LEAVES_LISTED = 20;
    static final String CONTROL_POINT_NOTE = "Control points are named by Control Point Index (300A,0112), which counts "
            + "from 0; tag paths number sequence items from 1, so /ControlPointSequence/3 is the third item, usually "
            + "control point 2.";

    private RtSummaryHtml() {
    }

    /** {@code withDifferences}: UIDs of plans whose pair section (id "pair-UID") exists further down. */
    static void render(RtSummary s, Set<String> withDifferences, Writer out) throws IOException {
        out.write("<section id=\"rt-summary\"><h2>RT summary</h2>\n<p>" + s.plans() + " plans: " + s.identicalPlans()
                + " identical, " + s.differentPlans() + " different, " + s.onlyInBaseline() + " only in baseline, "
                + s.onlyInCandidate() + " only in candidate, " + s.unreadablePlans() + " unreadable</p>\n");
        for (String u : s.unplacedObjects()) {
            out.write("<p class=\"UNREADABLE\">not summarised: " + esc(u) + "</p>\n");
        }
        for (RtSummary.Patient p : s.patients()) {
            patient(p, withDifferences, out);
        }
        boolean note = false;
        for (RtSummary.Patient p : s.patients()) {
            for (RtSummary.Plan plan : p.plans()) {
                if (plan.status() == PairStatus.DIFFERENT && plan.baseline() != null && plan.candidate() != null) {
                    if (!note) {
                        out.write("<p class=\"note\" id=\"control-point-note\">" + esc(CONTROL_POINT_NOTE) + "</p>\n");
                        note = true;
                    }
                    beams(p, plan, withDifferences, out);
                }
            }
        }
        out.write("</section>\n");
    }

    private static void patient(RtSummary.Patient p, Set<String> withDifferences, Writer out) throws IOException {
        out.write("<h3>" + (p.patientId() != null ? "Patient " + esc(p.patientId()) : "(no patient ID)") + (p.patientName() != null ? " " + esc(p.patientName()) : "") + "</h3>\n");
        out.write("<table class=\"rt-patient\" data-patient=\"" + esc(p.patientId()) + "\"><tr><th rowspan=\"2\">plan</th>"
                + "<th rowspan=\"2\">plan date</th><th colspan=\"2\">fractions delivered/planned</th><th colspan=\"2\">dose/fraction (Gy)</th>"
                + "<th colspan=\"2\">total dose delivered/planned (Gy)</th><th rowspan=\"2\">status</th>"
                + "<th rowspan=\"2\">changed parameters</th></tr>\n<tr><th>before</th><th>after</th><th>before</th>"
                + "<th>after</th><th>before</th><th>after</th></tr>\n");
        for (RtSummary.Plan plan : p.plans()) {
            RtSummary.PlanSide a = plan.baseline();
            RtSummary.PlanSide b = plan.candidate();
            RtSummary.PlanSide any = a != null ? a : b;
            out.write("<tr data-plan=\"" + esc(plan.sopInstanceUid()) + "\"><td>" + esc(any.label())
                    + (any.name() != null ? " <i>" + esc(any.name()) + "</i>" : "") + (any.planPresent() ? "" : " <i>(records only)</i>")
                    + "<br><small>" + esc(plan.sopInstanceUid()) + "</small></td><td class=\"plan-date\">"
                    + esc(planDate(any)) + "</td>");
            boolean both = a != null && b != null;
            cell(out, "fx-b", fractions(a), both && !Objects.equals(fractions(a), fractions(b)));
            cell(out, "fx-a", fractions(b), both && !Objects.equals(fractions(a), fractions(b)));
            String[] dpf = RtUnit.GY.pair(a == null ? null : a.dosePerFraction(), b == null ? null : b.dosePerFraction());
            boolean dpfChanged = both && !Objects.equals(a.dosePerFraction(), b.dosePerFraction());
            cell(out, "dpf-b", a == null ? "" : dpf[0], dpfChanged);
            cell(out, "dpf-a", b == null ? "" : dpf[1], dpfChanged);
            boolean doseChanged = both && !Objects.equals(totalDose(a), totalDose(b));
            cell(out, "dose-b", totalDose(a), doseChanged);
            cell(out, "dose-a", totalDose(b), doseChanged);
            String status = plan.status() == null ? "" : plan.status().name();
            out.write("<td class=\"status " + status + "\" data-status=\"" + status + "\">" + esc(statusText(plan.status()))
                    + "</td><td>");
            List<String> changes = RtChanges.of(plan);
            if (!changes.isEmpty()) {
                out.write("<ul class=\"changes\">");
                for (String c : changes) {
                    out.write("<li>" + esc(c) + "</li>");
                }
                out.write("</ul>");
            }
            if (plan.status() == PairStatus.DIFFERENT && a != null && b != null) {
                out.write("<a href=\"#rt-plan-" + esc(plan.sopInstanceUid()) + "\">beams</a>");
            }
            if (withDifferences.contains(plan.sopInstanceUid())) {
                out.write(" <a href=\"#pair-" + esc(plan.sopInstanceUid()) + "\">tag-path differences</a>");
            }
            out.write("</td></tr>\n");
        }
        out.write("</table>\n");
    }

    static String statusText(PairStatus s) {
        if (s == null) {
            return "";
        }
        return switch (s) {
            case IDENTICAL -> "Identical";
            case DIFFERENT -> "Different";
            case ONLY_IN_BASELINE -> "Only in baseline (missing after)";
            case ONLY_IN_CANDIDATE -> "Only in candidate (new)";
            case UNREADABLE -> "Unreadable";
        };
    }

    private static String planDate(RtSummary.PlanSide s) {
        if (s.date() == null) {
            return "";
        }
        return RtUnit.date(s.date()) + (s.time() != null ? " " + RtUnit.time(s.time()) : "");
    }

    /**
     * Fig. 6: one row per parameter, per beam that is not identical a before and an after column;
     * the identical beams in one line under the table; rows empty for every beam left out.
     */
    private static void beams(RtSummary.Patient p, RtSummary.Plan plan, Set<String> withDifferences, Writer out)
            throws IOException {
        RtSummary.PlanSide any = plan.baseline() != null ? plan.baseline() : plan.candidate();
        String uid = plan.sopInstanceUid();
        out.write("<h3 id=\"rt-plan-" + esc(uid) + "\">Plan " + esc(any.label()) + " of patient "
                + esc(p.patientId() != null ? p.patientId() : "(no patient ID)") + ": beams</h3>\n");
        if (withDifferences.contains(uid)) {
            out.write("<p><a href=\"#pair-" + esc(uid) + "\">tag-path differences of the plan</a></p>\n");
        }
        List<RtSummary.Beam> shown = new ArrayList<>();
        List<RtSummary.Beam> identical = new ArrayList<>();
        for (RtSummary.Beam b : plan.beams()) {
            (b.status() == PairStatus.IDENTICAL ? identical : shown).add(b);
        }
        if (!shown.isEmpty()) {
            table(uid, shown, out);
        }
        if (!identical.isEmpty()) {
            out.write("<p class=\"identical-beams\" data-beams=\"" + identical.size() + "\">"
                    + (identical.size() == 1 ? "Identical beam: " : identical.size() + " identical beams: "));
            List<String> names = new ArrayList<>();
            for (RtSummary.Beam b : identical) {
                names.add(RtChanges.beamLabel(b));
            }
            out.write(esc(String.join(", ", names)) + " (every parameter as before)</p>\n");
        }
        for (RtSummary.Beam b : shown) {
            if (b.metrics() != null && b.metrics().mlcChanges() != null) {
                mlc(uid, b, b.metrics().mlcChanges(), out);
            }
        }
    }

    private static void table(String uid, List<RtSummary.Beam> beams, Writer out) throws IOException {
        out.write("<table class=\"beams\" data-plan=\"" + esc(uid) + "\"><tr><th scope=\"col\">beam</th>");
        for (RtSummary.Beam b : beams) {
            String st = b.status() == null ? "" : b.status().name();
            out.write("<th scope=\"colgroup\" colspan=\"2\" class=\"" + st + "\" data-beam=\"" + (b.number() == null ? "" : b.number())
                    + "\">" + esc(RtChanges.beamLabel(b)) + "<br>" + esc(statusText(b.status())) + "</th>");
        }
        out.write("</tr>\n<tr><th scope=\"col\">parameter</th>");
        for (int i = 0; i < beams.size(); i++) {
            out.write("<th scope=\"col\">before</th><th scope=\"col\">after</th>");
        }
        out.write("</tr>\n");
        String energyUnit = common(beams, b -> RtUnit.energyUnit(b.radiationType()));
        String metersetUnit = common(beams, b -> b.metersetUnit() == null ? "MU" : b.metersetUnit().trim());
        for (BeamParameters.Field f : BeamParameters.FIELDS) {
            if (f.name().equals("metersetUnit") && metersetUnit != null) {
                continue; // said in the meterset row's header
            }
            RtLabels.Label label = RtLabels.of(f.name());
            String header = label.withUnit();
            if (f.name().equals("energy")) {
                header = label.text() + (energyUnit != null && !energyUnit.isEmpty() ? " (" + energyUnit + ")" : "");
            } else if (f.name().equals("meterset")) {
                header = label.text() + " (" + (metersetUnit != null ? metersetUnit : "primary dosimeter unit") + ")";
            }
            List<Object[]> values = new ArrayList<>();
            for (RtSummary.Beam b : beams) {
                BeamParameters pa = planned(b.baseline());
                BeamParameters pb = planned(b.candidate());
                values.add(new Object[] {pa == null ? null : f.value().apply(pa), pb == null ? null : f.value().apply(pb),
                        f.name().equals("energy") && energyUnit == null ? (pa != null ? pa : pb) : null});
            }
            row(out, f.name(), header, label.unit(), values);
        }
        for (RtSummary.Named<RtSummary.Delivery> f : RtSummary.Delivery.FIELDS) {
            if (f.name().equals("fractions")) {
                continue;
            }
            RtLabels.Label label = RtLabels.of(f.name());
            List<Object[]> values = new ArrayList<>();
            for (RtSummary.Beam b : beams) {
                RtSummary.Delivery da = delivery(b.baseline());
                RtSummary.Delivery db = delivery(b.candidate());
                values.add(new Object[] {da == null ? null : f.value().apply(da), db == null ? null : f.value().apply(db), null});
            }
            row(out, f.name(), label.withUnit(), label.unit(), values);
        }
        metric(out, beams, "maxMlcDifference", BeamMetrics::maxMlcDifference, m -> m.maxMlcDifference() == null ? "" : RtUnit.MM.format(m.maxMlcDifference())
                + (m.mlcLeaf() != null ? " (leaf " + m.mlcLeaf() + ", control point " + m.mlcControlPoint() + ")" : ""));
        metric(out, beams, "maxMetersetWeightDifference", BeamMetrics::maxMetersetWeightDifference, m -> RtUnit.PERCENT.format(m.maxMetersetWeightDifference())
                + (m.metersetWeightControlPoint() != null ? " (control point " + m.metersetWeightControlPoint() + ")" : ""));
        metric(out, beams, "maxAngleDifference", BeamMetrics::maxAngleDifference, m -> RtUnit.DEGREES.format(m.maxAngleDifference())
                + (m.angle() != null ? " (" + m.angle() + (m.angleControlPoint() != null ? ", control point "
                + m.angleControlPoint() : "") + ")" : ""));
        out.write("</table>\n");
    }

    /** One parameter row; left out when every cell would be empty. {@code v[2]}: the beam, for a per-cell energy unit. */
    private static void row(Writer out, String name, String header, RtUnit unit, List<Object[]> values) throws IOException {
        StringBuilder sb = new StringBuilder("<tr data-param=\"" + esc(name) + "\"><th scope=\"row\">" + esc(header) + "</th>");
        boolean any = false;
        for (Object[] v : values) {
            String[] shown = unit.pair(v[0], v[1]);
            if (v[2] instanceof BeamParameters bp) {
                String u = RtUnit.energyUnit(bp.radiationType());
                shown[0] = shown[0].isEmpty() || u.isEmpty() ? shown[0] : shown[0] + " " + u;
                shown[1] = shown[1].isEmpty() || u.isEmpty() ? shown[1] : shown[1] + " " + u;
            }
            any |= !shown[0].isEmpty() || !shown[1].isEmpty();
            boolean changed = !Objects.equals(v[0], v[1]);
            sb.append(cellText("b", shown[0], changed)).append(cellText("a", shown[1], changed));
        }
        if (any) {
            out.write(sb.append("</tr>\n").toString());
        }
    }

    private static void metric(Writer out, List<RtSummary.Beam> beams, String name, Function<BeamMetrics, Double> value,
                               Function<BeamMetrics, String> text) throws IOException {
        StringBuilder sb = new StringBuilder("<tr data-param=\"" + name + "\"><th scope=\"row\">" + esc(RtLabels.of(name).withUnit())
                + "</th>");
        boolean any = false;
        for (RtSummary.Beam b : beams) {
            Double d = b.metrics() == null ? null : value.apply(b.metrics());
            String v = d == null ? "" : text.apply(b.metrics());
            any |= !v.isEmpty();
            sb.append("<td colspan=\"2\"").append(d != null && d > 0 ? " class=\"changed\"" : "").append(">").append(esc(v))
                    .append("</td>");
        }
        if (any) {
            out.write(sb.append("</tr>\n").toString());
        }
    }

    /** The changed leaves of one beam in words, then the heat map. */
    private static void mlc(String uid, RtSummary.Beam b, MlcChanges m, Writer out) throws IOException {
        String label = RtChanges.beamLabel(b);
        out.write("<div class=\"mlc\" data-beam=\"" + (b.number() == null ? "" : b.number()) + "\"><h4>" + esc(label)
                + ": MLC leaf positions that differ (" + m.total() + ")</h4>\n<ul class=\"leaf-changes\">");
        int n = Math.min(LEAVES_LISTED, m.changes().size());
        for (int i = 0; i < n; i++) {
            out.write("<li>" + esc(MlcHeatMap.leafText(m.changes().get(i))) + "</li>");
        }
        if (m.total() > n) {
            out.write("<li>and " + (m.total() - n) + " more (see the heat map and the tag-path differences)</li>");
        }
        out.write("</ul>\n");
        out.write(MlcHeatMap.svg("mlc-" + uid + "-" + b.number(), label, m));
        out.write("\n</div>\n");
    }

    /** The value every beam has, or null when they differ. */
    private static String common(List<RtSummary.Beam> beams, Function<BeamParameters, String> f) {
        String seen = null;
        for (RtSummary.Beam b : beams) {
            for (RtSummary.BeamSide side : new RtSummary.BeamSide[] {b.baseline(), b.candidate()}) {
                BeamParameters p = planned(side);
                if (p == null) {
                    continue;
                }
                String v = f.apply(p);
                if (seen == null) {
                    seen = v;
                } else if (!seen.equals(v)) {
                    return null;
                }
            }
        }
        return seen == null ? "" : seen;
    }

    private static BeamParameters planned(RtSummary.BeamSide s) {
        return s == null ? null : s.planned();
    }

    private static RtSummary.Delivery delivery(RtSummary.BeamSide s) {
        return s == null ? null : s.delivery();
    }

    private static void cell(Writer out, String cls, String text, boolean changed) throws IOException {
        out.write(cellText(cls, text, changed));
    }

    private static String cellText(String cls, String text, boolean changed) {
        return "<td class=\"" + cls + (changed ? " changed" : "") + "\">" + esc(text) + "</td>";
    }

    /**
     * "2/30"; "no records (30 planned)" when no treatment record of the plan was exported, so an
     * empty course is never shown as "-/30".
     */
    static String fractions(RtSummary.PlanSide s) {
        if (s == null) {
            return "";
        }
        String planned = s.fractionsPlanned() == null ? "not stated" : String.valueOf(s.fractionsPlanned());
        if (s.records() == 0 && s.fractionsDelivered() == null) {
            return s.fractionsPlanned() == null ? "no records" : "no records (" + planned + " planned)";
        }
        String d = s.fractionsDelivered() == null ? "0" : String.valueOf(s.fractionsDelivered());
        String partial = s.fractionsPartial() != null && s.fractionsPartial() > 0 ? " (" + s.fractionsPartial() + " partial)" : "";
        return d + "/" + planned + partial;
    }

    /** "6.000/60.000"; "no records" or "not stated" for a side without value. */
    static String totalDose(RtSummary.PlanSide s) {
        if (s == null) {
            return "";
        }
        if (s.deliveredTotalDose() == null && s.plannedTotalDose() == null) {
            return "not stated";
        }
        String delivered = s.deliveredTotalDose() != null ? RtUnit.GY.format(s.deliveredTotalDose())
                : s.records() == 0 ? "no records" : "not stated";
        return delivered + "/" + (s.plannedTotalDose() == null ? "not stated" : RtUnit.GY.format(s.plannedTotalDose()));
    }
}
