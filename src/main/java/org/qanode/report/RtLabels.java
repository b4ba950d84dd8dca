package org.qanode.report;

import java.util.HashMap;
import java.util.Map;

/**
 * The words a physicist reads for the RT summary's parameter names ({@code boli} is "boluses",
 * {@code jawX} "X jaws X1 / X2"), each with its unit. A name not listed (a parameter added later)
 * is split at its capitals and shown without unit, never as raw camelCase.
 */
final class RtLabels {
    /** A parameter's label (without unit) and its unit. */
    record Label(String text, RtUnit unit) {
        /** "gantry start (deg)". */
        String withUnit() {
            return text + unit.header();
        }
    }

    private static final Map<String, Label> LABELS = new HashMap<>();

    static {
        // planned beam parameters (rt.BeamParameters, Zhang et al. 2019 Fig. 6)
        put("name", "beam name", RtUnit.PLAIN);
        put("type", "beam type", RtUnit.PLAIN);
        put("radiationType", "radiation type", RtUnit.PLAIN);
        put("deliveryType", "treatment delivery type", RtUnit.PLAIN);
        put("energy", "nominal energy", RtUnit.ENERGY);
        put("machine", "treatment machine", RtUnit.PLAIN);
        put("meterset", "beam meterset", RtUnit.MU);
        put("metersetUnit", "primary dosimeter unit", RtUnit.PLAIN);
        put("beamDose", "beam dose", RtUnit.GY);
        put("fractionGroup", "fraction group", RtUnit.PLAIN);
        put("controlPoints", "control points", RtUnit.PLAIN);
        put("segments", "segments", RtUnit.PLAIN);
        put("gantryStart", "gantry start", RtUnit.DEGREES);
        put("gantryStop", "gantry stop", RtUnit.DEGREES);
        put("rotationDirection", "gantry rotation direction", RtUnit.PLAIN);
        put("collimatorAngle", "collimator angle", RtUnit.DEGREES);
        put("couchAngle", "couch angle", RtUnit.DEGREES);
        put("tableTopVertical", "table top vertical", RtUnit.MM);
        put("tableTopLongitudinal", "table top longitudinal", RtUnit.MM);
        put("tableTopLateral", "table top lateral", RtUnit.MM);
        put("ssd", "source to surface distance", RtUnit.MM);
        put("jawX", "X jaws X1 / X2", RtUnit.MM);
        put("jawY", "Y jaws Y1 / Y2", RtUnit.MM);
        put("isocenter", "isocenter x / y / z", RtUnit.MM);
        put("mlc", "MLC", RtUnit.PLAIN);
        put("wedges", "wedges", RtUnit.PLAIN);
        put("blocks", "blocks", RtUnit.PLAIN);
        put("compensators", "compensators", RtUnit.PLAIN);
        put("boli", "boluses", RtUnit.PLAIN);
        put("applicator", "applicator", RtUnit.PLAIN);
        put("rangeShifters", "range shifters", RtUnit.PLAIN);
        put("patientPosition", "patient position", RtUnit.PLAIN);
        // delivery of a beam, plan-level values (rt.RtSummary.Delivery, PlanSide)
        put("fractionsDelivered", "fractions delivered", RtUnit.PLAIN);
        put("fractionsPartial", "partial fractions", RtUnit.PLAIN);
        put("deliveredMeterset", "delivered meterset", RtUnit.MU);
        put("firstTreatmentDate", "first treatment", RtUnit.DATE);
        put("lastTreatmentDate", "last treatment", RtUnit.DATE);
        put("cumulativeDose", "cumulative dose", RtUnit.GY);
        put("label", "plan label", RtUnit.PLAIN);
        put("date", "plan date", RtUnit.DATE);
        put("time", "plan time", RtUnit.TIME);
        put("approvalStatus", "approval status", RtUnit.PLAIN);
        put("fractionsPlanned", "fractions planned", RtUnit.PLAIN);
        put("dosePerFraction", "dose per fraction", RtUnit.GY);
        put("plannedTotalDose", "planned total dose", RtUnit.GY);
        put("deliveredTotalDose", "delivered total dose", RtUnit.GY);
        put("records", "treatment records", RtUnit.PLAIN);
        put("summaryRecordFractionsDelivered", "fractions delivered (treatment summary record)", RtUnit.PLAIN);
        put("fractionGroups", "fraction groups", RtUnit.PLAIN);
        // control-point metrics (rt.BeamMetrics)
        put("maxMlcDifference", "largest MLC leaf difference", RtUnit.MM);
        put("maxMetersetWeightDifference", "largest meterset weight difference", RtUnit.PERCENT);
        put("maxAngleDifference", "largest angle difference", RtUnit.DEGREES);
    }

    private RtLabels() {
    }

    private static void put(String name, String text, RtUnit unit) {
        LABELS.put(name, new Label(text, unit));
    }

    static Label of(String name) {
        Label l = LABELS.get(name);
        return l != null ? l : new Label(words(name), RtUnit.PLAIN);
    }

    /** "summaryRecordFoo" -> "summary record foo". */
    static String words(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(camel.charAt(i - 1))) {
                sb.append(' ');
            }
            sb.append(i > 0 && Character.isUpperCase(c) && (i + 1 >= camel.length() || !Character.isUpperCase(camel.charAt(i + 1)))
                    ? Character.toLowerCase(c) : c);
        }
        return sb.toString();
    }
}
