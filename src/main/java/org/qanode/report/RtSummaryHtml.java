package org.qanode.report;

import static org.qanode.report.HtmlReport.esc;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.qanode.rt.BeamParameters;
import org.qanode.rt.RtFormat;
import org.qanode.compare.PairStatus;
import org.qanode.rt.RtSummary;

/**
 * The clinical opening of the HTML report (Zhang et al. 2019): per patient a table of plans with
 * fractions delivered/planned, dose per fraction and total dose, before and after, and the status
 * (Fig. 4); then for every plan that is not identical a per-beam table of the delivery parameters,
 * before and after, changed cells highlighted (Fig. 6), linked to the plan's tag-path differences.
 */
final class RtSummaryHtml {
    static final String STYLE = """
            td.changed{background:#fdd;font-weight:bold}
            .IDENTICAL{color:#060}.DIFFERENT,.ONLY_IN_BASELINE,.ONLY_IN_CANDIDATE,.UNREADABLE{color:#a00;font-weight:bold}
            table.beams td,table.beams th{font-size:9pt}
            ul.changes{margin:0;padding-left:1.2em}
            """;

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
        for (RtSummary.Patient p : s.patients()) {
            for (RtSummary.Plan plan : p.plans()) {
                if (plan.status() != null && plan.status() != PairStatus.IDENTICAL) {
                    beams(p, plan, withDifferences, out);
                }
            }
        }
        out.write("</section>\n");
    }

    private static void patient(RtSummary.Patient p, Set<String> withDifferences, Writer out) throws IOException {
        out.write("<h3>" + (p.patientId() != null ? "Patient " + esc(p.patientId()) : "(no patient ID)") + (p.patientName() != null ? " " + esc(p.patientName()) : "") + "</h3>\n");
        out.write("<table class=\"rt-patient\" data-patient=\"" + esc(p.patientId()) + "\"><tr><th rowspan=\"2\">plan</th>"
                + "<th rowspan=\"2\">study</th><th colspan=\"2\">Fx delivered/planned</th><th colspan=\"2\">dose/Fx (Gy)</th>"
                + "<th colspan=\"2\">total dose delivered/planned (Gy)</th><th rowspan=\"2\">status</th>"
                + "<th rowspan=\"2\">changed parameters</th></tr>\n<tr><th>before</th><th>after</th><th>before</th>"
                + "<th>after</th><th>before</th><th>after</th></tr>\n");
        for (RtSummary.Plan plan : p.plans()) {
            RtSummary.PlanSide a = plan.baseline();
            RtSummary.PlanSide b = plan.candidate();
            RtSummary.PlanSide any = a != null ? a : b;
            out.write("<tr data-plan=\"" + esc(plan.sopInstanceUid()) + "\"><td>" + esc(any.label())
                    + (any.name() != null ? " <i>" + esc(any.name()) + "</i>" : "") + (any.planPresent() ? "" : " <i>(records only)</i>")
                    + "<br><small>" + esc(plan.sopInstanceUid()) + "</small></td><td><small>" + esc(plan.studyInstanceUid())
                    + "</small></td>");
            cell(out, "fx-b", fractions(a), !Objects.equals(fractions(a), fractions(b)) && b != null);
            cell(out, "fx-a", fractions(b), !Objects.equals(fractions(a), fractions(b)) && a != null);
            cell(out, "dpf-b", dose(a == null ? null : a.dosePerFraction()), false);
            cell(out, "dpf-a", dose(b == null ? null : b.dosePerFraction()), b != null && a != null
                    && !Objects.equals(a.dosePerFraction(), b.dosePerFraction()));
            cell(out, "dose-b", totalDose(a), false);
            cell(out, "dose-a", totalDose(b), a != null && b != null && !Objects.equals(totalDose(a), totalDose(b)));
            String status = plan.status() == null ? "" : plan.status().name();
            out.write("<td class=\"status " + status + "\">" + (plan.status() == PairStatus.IDENTICAL ? "Identical" : esc(status)) + "</td><td>");
            if (plan.changes() != null && !plan.changes().isEmpty()) {
                out.write("<ul class=\"changes\">");
                for (String c : plan.changes()) {
                    out.write("<li>" + esc(c) + "</li>");
                }
                out.write("</ul>");
            }
            if (plan.status() != null && plan.status() != PairStatus.IDENTICAL) {
                out.write("<a href=\"#rt-plan-" + esc(plan.sopInstanceUid()) + "\">beams</a>");
            }
            if (withDifferences.contains(plan.sopInstanceUid())) {
                out.write(" <a href=\"#pair-" + esc(plan.sopInstanceUid()) + "\">tag-path differences</a>");
            }
            out.write("</td></tr>\n");
        }
        out.write("</table>\n");
    }

    /** Fig. 6: one row per parameter, per beam a before and an after column. */
    private static void beams(RtSummary.Patient p, RtSummary.Plan plan, Set<String> withDifferences, Writer out)
            throws IOException {
        RtSummary.PlanSide any = plan.baseline() != null ? plan.baseline() : plan.candidate();
        out.write("<h3 id=\"rt-plan-" + esc(plan.sopInstanceUid()) + "\">Plan " + esc(any.label()) + " of patient "
                + esc(p.patientId() != null ? p.patientId() : "(no patient ID)") + ": beams</h3>\n");
        if (withDifferences.contains(plan.sopInstanceUid())) {
            out.write("<p><a href=\"#pair-" + esc(plan.sopInstanceUid()) + "\">tag-path differences of the plan</a></p>\n");
        }
        List<RtSummary.Beam> beams = plan.beams();
        out.write("<table class=\"beams\" data-plan=\"" + esc(plan.sopInstanceUid()) + "\"><tr><th>beam</th>");
        for (RtSummary.Beam b : beams) {
            out.write("<th colspan=\"2\" class=\"" + (b.status() == null ? "" : b.status().name()) + "\">" + b.number() + " "
                    + esc(b.name()) + "<br>" + (b.status() == null ? "" : esc(b.status().name())) + "</th>");
        }
        out.write("</tr>\n<tr><th>parameter</th>");
        for (int i = 0; i < beams.size(); i++) {
            out.write("<th>before</th><th>after</th>");
        }
        out.write("</tr>\n");
        for (BeamParameters.Field f : BeamParameters.FIELDS) {
            out.write("<tr data-param=\"" + f.name() + "\"><th>" + f.name() + "</th>");
            for (RtSummary.Beam b : beams) {
                Object va = planned(b.baseline()) == null ? null : f.value().apply(planned(b.baseline()));
                Object vb = planned(b.candidate()) == null ? null : f.value().apply(planned(b.candidate()));
                boolean changed = !Objects.equals(va, vb);
                cell(out, "b", RtFormat.value(va), changed);
                cell(out, "a", RtFormat.value(vb), changed);
            }
            out.write("</tr>\n");
        }
        for (RtSummary.Named<RtSummary.Delivery> f : RtSummary.Delivery.FIELDS) {
            if (f.name().equals("fractions")) {
                continue;
            }
            out.write("<tr data-param=\"" + f.name() + "\"><th>" + f.name() + "</th>");
            for (RtSummary.Beam b : beams) {
                Object va = delivery(b.baseline()) == null ? null : f.value().apply(delivery(b.baseline()));
                Object vb = delivery(b.candidate()) == null ? null : f.value().apply(delivery(b.candidate()));
                boolean changed = !Objects.equals(va, vb);
                cell(out, "b", RtFormat.value(va), changed);
                cell(out, "a", RtFormat.value(vb), changed);
            }
            out.write("</tr>\n");
        }
        out.write("<tr data-param=\"maxMlcDifference\"><th>max MLC difference (mm)</th>");
        for (RtSummary.Beam b : beams) {
            String v = b.metrics() == null || b.metrics().maxMlcDifference() == null ? ""
                    : RtFormat.value(b.metrics().maxMlcDifference()) + (b.metrics().mlcLeaf() != null
                    ? " (leaf " + b.metrics().mlcLeaf() + ", CP " + b.metrics().mlcControlPoint() + ")" : "");
            out.write("<td colspan=\"2\"" + (b.metrics() != null && !b.metrics().none() ? " class=\"changed\"" : "") + ">"
                    + esc(v) + "</td>");
        }
        out.write("</tr>\n<tr data-param=\"maxMetersetWeightDifference\"><th>max meterset weight difference (%)</th>");
        for (RtSummary.Beam b : beams) {
            out.write("<td colspan=\"2\">" + (b.metrics() == null ? "" : esc(RtFormat.value(b.metrics().maxMetersetWeightDifference())))
                    + "</td>");
        }
        out.write("</tr>\n<tr data-param=\"maxAngleDifference\"><th>max angle difference (deg)</th>");
        for (RtSummary.Beam b : beams) {
            out.write("<td colspan=\"2\">" + (b.metrics() == null ? "" : esc(RtFormat.value(b.metrics().maxAngleDifference())
                    + (b.metrics().angle() != null ? " " + b.metrics().angle() : ""))) + "</td>");
        }
        out.write("</tr>\n</table>\n");
    }

    private static BeamParameters planned(RtSummary.BeamSide s) {
        return s == null ? null : s.planned();
    }

    private static RtSummary.Delivery delivery(RtSummary.BeamSide s) {
        return s == null ? null : s.delivery();
    }

    private static void cell(Writer out, String cls, String text, boolean changed) throws IOException {
        out.write("<td class=\"" + cls + (changed ? " changed" : "") + "\">" + esc(text) + "</td>");
    }

    static String fractions(RtSummary.PlanSide s) {
        if (s == null) {
            return "";
        }
        String d = s.fractionsDelivered() == null ? "-" : String.valueOf(s.fractionsDelivered());
        String partial = s.fractionsPartial() != null && s.fractionsPartial() > 0 ? " (" + s.fractionsPartial() + " partial)" : "";
        return d + "/" + (s.fractionsPlanned() == null ? "-" : s.fractionsPlanned()) + partial;
    }

    static String totalDose(RtSummary.PlanSide s) {
        if (s == null) {
            return "";
        }
        return (s.deliveredTotalDose() == null ? "-" : RtFormat.value(s.deliveredTotalDose())) + "/"
                + (s.plannedTotalDose() == null ? "-" : RtFormat.value(s.plannedTotalDose()));
    }

    private static String dose(Double d) {
        return d == null ? "" : RtFormat.value(d);
    }
}
