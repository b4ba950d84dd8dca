package org.qanode.report;

import static org.qanode.report.CsvReport.field;

import java.io.IOException;
import java.io.Writer;
import org.qanode.result.ComparisonResult;
import org.qanode.rt.BeamParameters;
import org.qanode.rt.RtFormat;
import org.qanode.rt.RtSummary;

/**
 * The RT summary as one long table (RFC 4180, like {@link CsvReport}): one row per plan value and
 * per beam parameter, baseline and candidate side by side, so a spreadsheet filter on
 * {@code changed} lists every changed parameter of the course.
 */
public final class RtSummaryCsv implements ReportRenderer {
    static final String HEADER = "patientId,planUid,planLabel,planStatus,beamNumber,beamName,beamStatus,parameter,"
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
                for (RtSummary.Named<RtSummary.PlanSide> f : RtSummary.PlanSide.FIELDS) {
                    Object a = plan.baseline() == null ? null : f.value().apply(plan.baseline());
                    Object b = plan.candidate() == null ? null : f.value().apply(plan.candidate());
                    row(out, head, null, f.name(), a, b, plan.candidate() != null || plan.status() != null);
                }
                for (RtSummary.Beam beam : plan.beams()) {
                    BeamParameters pa = beam.baseline() == null ? null : beam.baseline().planned();
                    BeamParameters pb = beam.candidate() == null ? null : beam.candidate().planned();
                    for (BeamParameters.Field f : BeamParameters.FIELDS) {
                        row(out, head, beam, f.name(), pa == null ? null : f.value().apply(pa),
                                pb == null ? null : f.value().apply(pb), plan.status() != null);
                    }
                    RtSummary.Delivery da = beam.baseline() == null ? null : beam.baseline().delivery();
                    RtSummary.Delivery db = beam.candidate() == null ? null : beam.candidate().delivery();
                    for (RtSummary.Named<RtSummary.Delivery> f : RtSummary.Delivery.FIELDS) {
                        if (!f.name().equals("fractions")) {
                            row(out, head, beam, f.name(), da == null ? null : f.value().apply(da),
                                    db == null ? null : f.value().apply(db), plan.status() != null);
                        }
                    }
                    if (beam.metrics() != null) {
                        row(out, head, beam, "maxMlcDifference", beam.metrics().maxMlcDifference(), null, false);
                        row(out, head, beam, "maxMetersetWeightDifference", beam.metrics().maxMetersetWeightDifference(),
                                null, false);
                        row(out, head, beam, "maxAngleDifference", beam.metrics().maxAngleDifference(), null, false);
                    }
                }
            }
        }
    }

    private static void row(Writer out, String[] head, RtSummary.Beam beam, String parameter, Object a, Object b,
                            boolean twoSided) throws IOException {
        String changed = twoSided ? String.valueOf(!java.util.Objects.equals(a, b)) : "";
        String[] fields = {head[0], head[1], head[2], head[3], beam == null ? null : String.valueOf(beam.number()),
                beam == null ? null : beam.name(), beam == null || beam.status() == null ? null : beam.status().name(),
                parameter, RtFormat.value(a), twoSided ? RtFormat.value(b) : null, changed};
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
