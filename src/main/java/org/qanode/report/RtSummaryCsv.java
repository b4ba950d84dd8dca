package org.qanode.report;

import static org.qanode.report.CsvReport.field;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.qanode.result.ComparisonResult;
import org.qanode.rt.BeamMetrics;
import org.qanode.rt.BeamParameters;
import org.qanode.rt.RtFormat;
import org.qanode.rt.RtSummary;

/**
 * The RT summary as one long table (RFC 4180, like {@link CsvReport}): one row per plan value, per
 * fraction group value and per beam parameter, baseline and candidate side by side, so a
 * spreadsheet filter on {@code changed} lists every changed parameter of the course. Plain
 * columns: one value per cell (a fraction group's values are rows of their own, never a record's
 * text), the unit in its own column, numbers unrounded (a spreadsheet computes with them), dates
 * as ISO 8601 (2026-01-02) and times as 15:25:39.63.
 */
public final class RtSummaryCsv implements ReportRenderer {
    static final String HEADER = "patientId,planUid,planLabel,planStatus,beamNumber,beamName,beamStatus,parameter,unit,"
            + "baseline,candidate,changed";

    @Override
    public void render(ComparisonResult result, Writer out) throws IOException {
        if (result.rtSummary() == null) {
            throw new IOException("the comparison has no RT summary (it was switched off)");
        }
        render(result.rtSummary(), out);
    }

    public static void render(RtSummary s, Writer out) throws IOException {
        out.write(HEADER + "\r\n");
        for (RtSummary.Patient p : s.patients()) {
            for (RtSummary.Plan plan : p.plans()) {
                RtSummary.PlanSide any = plan.baseline() != null ? plan.baseline() : plan.candidate();
                String[] head = {p.patientId(), plan.sopInstanceUid(), any.label(),
                        plan.status() == null ? null : plan.status().name()};
                boolean twoSided = plan.status() != null;
                for (RtSummary.Named<RtSummary.PlanSide> f : RtSummary.PlanSide.FIELDS) {
                    if (f.name().equals("fractionGroups")) {
                        fractionGroups(out, head, plan, twoSided);
                        continue;
                    }
                    Object a = plan.baseline() == null ? null : f.value().apply(plan.baseline());
                    Object b = plan.candidate() == null ? null : f.value().apply(plan.candidate());
                    row(out, head, null, f.name(), RtLabels.of(f.name()).unit(), null, a, b, twoSided);
                }
                for (RtSummary.Beam beam : plan.beams()) {
                    BeamParameters pa = beam.baseline() == null ? null : beam.baseline().planned();
                    BeamParameters pb = beam.candidate() == null ? null : beam.candidate().planned();
                    BeamParameters either = pa != null ? pa : pb;
                    for (BeamParameters.Field f : BeamParameters.FIELDS) {
                        RtUnit unit = RtLabels.of(f.name()).unit();
                        String unitText = unit == RtUnit.ENERGY ? RtUnit.energyUnit(either == null ? null : either.radiationType())
                                : f.name().equals("meterset") ? (either == null || either.metersetUnit() == null ? "MU" : either.metersetUnit())
                                : null;
                        row(out, head, beam, f.name(), unit, unitText, pa == null ? null : f.value().apply(pa),
                                pb == null ? null : f.value().apply(pb), twoSided);
                    }
                    RtSummary.Delivery da = beam.baseline() == null ? null : beam.baseline().delivery();
                    RtSummary.Delivery db = beam.candidate() == null ? null : beam.candidate().delivery();
                    for (RtSummary.Named<RtSummary.Delivery> f : RtSummary.Delivery.FIELDS) {
                        if (!f.name().equals("fractions")) {
                            row(out, head, beam, f.name(), RtLabels.of(f.name()).unit(), null,
                                    da == null ? null : f.value().apply(da), db == null ? null : f.value().apply(db), twoSided);
                        }
                    }
                    BeamMetrics m = beam.metrics();
                    if (m != null) {
                        metric(out, head, beam, "maxMlcDifference", m.maxMlcDifference());
                        metric(out, head, beam, "maxMetersetWeightDifference", m.maxMetersetWeightDifference());
                        metric(out, head, beam, "maxAngleDifference", m.maxAngleDifference());
                    }
                }
            }
        }
    }

    /** Per fraction group (by number) its planned and delivered fractions and dose per fraction. */
    private static void fractionGroups(Writer out, String[] head, RtSummary.Plan plan, boolean twoSided) throws IOException {
        List<Integer> numbers = new ArrayList<>();
        for (RtSummary.PlanSide side : new RtSummary.PlanSide[] {plan.baseline(), plan.candidate()}) {
            if (side != null && side.fractionGroups() != null) {
                side.fractionGroups().forEach(g -> {
                    if (!numbers.contains(g.number())) {
                        numbers.add(g.number());
                    }
                });
            }
        }
        for (Integer n : numbers) {
            RtSummary.FractionGroupSide a = group(plan.baseline(), n);
            RtSummary.FractionGroupSide b = group(plan.candidate(), n);
            String prefix = "fractionGroup" + (n == null ? "" : n) + ".";
            row(out, head, null, prefix + "fractionsPlanned", RtUnit.PLAIN, null, a == null ? null : a.fractionsPlanned(),
                    b == null ? null : b.fractionsPlanned(), twoSided);
            row(out, head, null, prefix + "fractionsDelivered", RtUnit.PLAIN, null, a == null ? null : a.fractionsDelivered(),
                    b == null ? null : b.fractionsDelivered(), twoSided);
            row(out, head, null, prefix + "dosePerFraction", RtUnit.GY, null, a == null ? null : a.dosePerFraction(),
                    b == null ? null : b.dosePerFraction(), twoSided);
        }
    }

    private static RtSummary.FractionGroupSide group(RtSummary.PlanSide s, Integer number) {
        if (s == null || s.fractionGroups() == null) {
            return null;
        }
        return s.fractionGroups().stream().filter(g -> Objects.equals(g.number(), number)).findFirst().orElse(null);
    }

    private static void metric(Writer out, String[] head, RtSummary.Beam beam, String name, Double v) throws IOException {
        write(out, head, beam, name, RtLabels.of(name).unit().unit, RtFormat.value(v), null, "");
    }

    private static void row(Writer out, String[] head, RtSummary.Beam beam, String parameter, RtUnit unit, String unitText,
                            Object a, Object b, boolean twoSided) throws IOException {
        String changed = twoSided ? String.valueOf(!Objects.equals(a, b)) : "";
        write(out, head, beam, parameter, unitText != null ? unitText : unit.unit, plain(unit, a),
                twoSided ? plain(unit, b) : null, changed);
    }

    /** Unrounded: dates and times in ISO form, everything else as {@link RtFormat} writes it. */
    private static String plain(RtUnit unit, Object v) {
        if (v == null) {
            return "";
        }
        return unit == RtUnit.DATE || unit == RtUnit.TIME ? unit.format(v) : RtFormat.value(v);
    }

    private static void write(Writer out, String[] head, RtSummary.Beam beam, String parameter, String unit, String a,
                              String b, String changed) throws IOException {
        String[] fields = {head[0], head[1], head[2], head[3], beam == null || beam.number() == null ? null : String.valueOf(beam.number()),
                beam == null ? null : beam.name(), beam == null || beam.status() == null ? null : beam.status().name(),
                parameter, unit, a, b, changed};
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields[i]));
        }
        out.write("\r\n");
    }

    @Override
    public String contentType() {
        return "text/csv; charset=utf-8";
    }
}
