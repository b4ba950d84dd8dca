package org.qanode.report;

import java.io.IOException;
import java.io.Writer;
import org.qanode.rt.BeamParameters;
import org.qanode.rt.RtFormat;
import org.qanode.rt.RtSummary;

/**
 * The RT summary for a terminal: per patient and plan one line with fractions and doses, then
 * either the changes (two-sided) or, one-sided, a line per beam with its main parameters.
 */
public final class RtSummaryText {
    private RtSummaryText() {
    }

    /**
     * @param beams         a line per beam (the one-sided view)
     * @param onlyChanged   leave out IDENTICAL plans (the comparison's terminal report)
     */
    public static void render(RtSummary s, Writer out, boolean beams, boolean onlyChanged) throws IOException {
        for (RtSummary.Patient p : s.patients()) {
            if (onlyChanged && p.plans().stream().allMatch(x -> x.status() == org.qanode.compare.PairStatus.IDENTICAL)) {
                continue;
            }
            out.write((p.patientId() != null ? "patient " + p.patientId() : "(no patient ID)") + (p.patientName() != null ? " " + p.patientName() : "") + "\n");
            for (RtSummary.Plan plan : p.plans()) {
                if (onlyChanged && plan.status() == org.qanode.compare.PairStatus.IDENTICAL) {
                    continue;
                }
                RtSummary.PlanSide a = plan.baseline();
                RtSummary.PlanSide b = plan.candidate();
                RtSummary.PlanSide any = a != null ? a : b;
                out.write("  plan " + any.label() + " " + plan.sopInstanceUid()
                        + (any.planPresent() ? " (" + any.planClass() + (any.approvalStatus() != null ? ", " + any.approvalStatus() : "") + ")" : " (records only)")
                        + (plan.status() != null ? " " + plan.status() : "") + "\n");
                out.write("    fractions delivered/planned " + sides(a, b, RtSummaryHtml::fractions)
                        + "; total dose delivered/planned (Gy) " + sides(a, b, RtSummaryHtml::totalDose)
                        + (any.firstTreatmentDate() != null ? "; treated " + RtUnit.date(any.firstTreatmentDate()) + " to "
                        + RtUnit.date(any.lastTreatmentDate()) : "") + "\n");
                if (plan.status() != null) {
                    for (String c : RtChanges.of(plan)) {
                        out.write("    changed: " + c + "\n");
                    }
                }
                if (beams) {
                    for (RtSummary.Beam beam : plan.beams()) {
                        beam(beam, out);
                    }
                }
            }
        }
        for (String u : s.unplacedObjects()) {
            out.write("not summarised: " + u + "\n");
        }
    }

    /** "before -> after" when both sides hold the plan, else the one side's value alone (no empty side). */
    private static String sides(RtSummary.PlanSide a, RtSummary.PlanSide b,
                                java.util.function.Function<RtSummary.PlanSide, String> value) {
        if (a != null && b != null) {
            return value.apply(a) + " -> " + value.apply(b);
        }
        return value.apply(a != null ? a : b);
    }

    private static void beam(RtSummary.Beam beam, Writer out) throws IOException {
        RtSummary.BeamSide side = beam.baseline() != null ? beam.baseline() : beam.candidate();
        BeamParameters b = side == null ? null : side.planned();
        StringBuilder sb = new StringBuilder("    beam " + beam.number() + " " + RtFormat.value(beam.name()));
        if (b != null) {
            String energyUnit = RtUnit.energyUnit(b.radiationType());
            sb.append(": ").append(RtFormat.value(b.type())).append(' ').append(RtFormat.value(b.radiationType()))
                    .append(' ').append(RtFormat.value(b.energy())).append(energyUnit.isEmpty() ? "" : " " + energyUnit)
                    .append(", ").append(RtUnit.MU.format(b.meterset()))
                    .append(' ').append(b.metersetUnit() == null ? "MU" : b.metersetUnit()).append(", ")
                    .append(RtFormat.value(b.controlPoints())).append(" control points, gantry ")
                    .append(RtUnit.DEGREES.format(b.gantryStart())).append(" to ").append(RtUnit.DEGREES.format(b.gantryStop()))
                    .append(" deg ").append(RtFormat.value(b.rotationDirection()))
                    .append(", collimator ").append(RtUnit.DEGREES.format(b.collimatorAngle())).append(" deg, couch ")
                    .append(RtUnit.DEGREES.format(b.couchAngle())).append(" deg, ").append(RtFormat.value(b.machine()));
        }
        if (side != null && side.delivery() != null) {
            RtSummary.Delivery d = side.delivery();
            sb.append("; delivered ").append(d.fractionsDelivered()).append(" fractions")
                    .append(d.fractionsPartial() > 0 ? " (" + d.fractionsPartial() + " partial)" : "").append(", ")
                    .append(RtUnit.MU.format(d.deliveredMeterset())).append(" MU");
        }
        out.write(sb.append('\n').toString());
    }
}
