package org.qanode.rt;

import org.qanode.compare.PairStatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.function.Function;

/**
 * The clinical view of a comparison (Zhang et al. 2019, Figs. 4 and 6): patients, their plans
 * with the prescription and the delivered course, and per beam the planned parameters, before
 * (baseline) and after (candidate) side by side. A one-sided summary ({@code qanode rt-summary})
 * has only {@code baseline} values and no statuses. Serialised as {@code rtSummary}, see
 * docs/rt-summary.md.
 *
 * @param unplacedObjects RT objects the summary could not attach to a plan (unreadable ones), by
 *                        SOP Instance UID or object id, so nothing disappears silently
 */
@JsonPropertyOrder({"plans", "identicalPlans", "differentPlans", "onlyInBaseline", "onlyInCandidate",
        "unreadablePlans", "patients", "unplacedObjects"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RtSummary(int plans, int identicalPlans, int differentPlans, int onlyInBaseline, int onlyInCandidate,
                        int unreadablePlans, List<Patient> patients,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> unplacedObjects) {

    /** Lists left out of the JSON when empty come back as empty, never null, when a result is read. */
    public RtSummary {
        patients = orEmpty(patients);
        unplacedObjects = orEmpty(unplacedObjects);
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Patient(String patientId, String patientName, List<Plan> plans) {
    }

    /**
     * One plan (by SOP Instance UID) with its records. {@code changes} is empty for IDENTICAL and
     * otherwise names each changed parameter, e.g. "beam 2 (ARC2): gantryStart 181 -> 182".
     */
    @JsonPropertyOrder({"sopInstanceUid", "studyInstanceUid", "status", "changes", "baseline", "candidate",
            "beamsOnlyInBaseline", "beamsOnlyInCandidate", "beams", "channels"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Plan(String sopInstanceUid, String studyInstanceUid, PairStatus status, List<String> changes,
                       PlanSide baseline, PlanSide candidate,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> beamsOnlyInBaseline,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> beamsOnlyInCandidate,
                       List<Beam> beams, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Channel> channels) {
        public Plan {
            changes = orEmpty(changes);
            beamsOnlyInBaseline = orEmpty(beamsOnlyInBaseline);
            beamsOnlyInCandidate = orEmpty(beamsOnlyInCandidate);
            beams = orEmpty(beams);
            channels = orEmpty(channels);
        }
    }

    /**
     * One side of a plan: what the plan prescribes and what the records say was delivered.
     * {@code planPresent} is false when only records of the plan were exported.
     *
     * @param fractionsDelivered distinct fraction numbers with a completed or partial delivery
     *                           (summed over fraction groups)
     * @param fractionsPartial   of those, fractions in which some treatment beam was interrupted
     *                           and not completed, or not delivered at all
     * @param plannedTotalDose   sum over fraction groups of dose per fraction x fractions planned, Gy
     * @param deliveredTotalDose sum of the beams' cumulative doses, Gy
     * @param summaryRecordFractionsDelivered what an RT Treatment Summary Record states, if any
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlanSide(boolean planPresent, String planClass, String label, String name, String date, String time,
                           String approvalStatus, Integer fractionsPlanned, Integer fractionsDelivered,
                           Integer fractionsPartial, Double dosePerFraction, Double plannedTotalDose,
                           Double deliveredTotalDose, Double deliveredMeterset, String firstTreatmentDate,
                           String lastTreatmentDate, int records, Integer summaryRecordFractionsDelivered,
                           List<FractionGroupSide> fractionGroups) {

        /** The plan-level values compared for {@code changes}, in report order. */
        public static final List<Named<PlanSide>> FIELDS = List.of(
                new Named<>("label", PlanSide::label), new Named<>("name", PlanSide::name),
                new Named<>("date", PlanSide::date), new Named<>("time", PlanSide::time),
                new Named<>("approvalStatus", PlanSide::approvalStatus),
                new Named<>("fractionsPlanned", PlanSide::fractionsPlanned),
                new Named<>("fractionsDelivered", PlanSide::fractionsDelivered),
                new Named<>("fractionsPartial", PlanSide::fractionsPartial),
                new Named<>("dosePerFraction", PlanSide::dosePerFraction),
                new Named<>("plannedTotalDose", PlanSide::plannedTotalDose),
                new Named<>("deliveredTotalDose", PlanSide::deliveredTotalDose),
                new Named<>("deliveredMeterset", PlanSide::deliveredMeterset),
                new Named<>("firstTreatmentDate", PlanSide::firstTreatmentDate),
                new Named<>("lastTreatmentDate", PlanSide::lastTreatmentDate),
                new Named<>("records", PlanSide::records),
                new Named<>("summaryRecordFractionsDelivered", PlanSide::summaryRecordFractionsDelivered),
                new Named<>("fractionGroups", PlanSide::fractionGroups));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FractionGroupSide(Integer number, Integer fractionsPlanned, Integer fractionsDelivered,
                                    Double dosePerFraction) {
    }

    /** One beam, by Beam Number; {@code changed} names the differing planned or delivery values. */
    @JsonPropertyOrder({"number", "name", "status", "changed", "baseline", "candidate", "metrics"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Beam(Integer number, String name, PairStatus status,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> changed, BeamSide baseline,
                       BeamSide candidate, BeamMetrics metrics) {
        public Beam {
            changed = orEmpty(changed);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BeamSide(BeamParameters planned, Delivery delivery) {
    }

    /**
     * A beam's treatment course from the records.
     *
     * @param cumulativeDose beam dose x delivered fractions, a partial fraction counted as its
     *                       delivered share of the planned meterset
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(int fractionsDelivered, int fractionsPartial, Double deliveredMeterset,
                           String firstTreatmentDate, String lastTreatmentDate, Double cumulativeDose,
                           List<Fraction> fractions) {

        public static final List<Named<Delivery>> FIELDS = List.of(
                new Named<>("fractionsDelivered", Delivery::fractionsDelivered),
                new Named<>("fractionsPartial", Delivery::fractionsPartial),
                new Named<>("deliveredMeterset", Delivery::deliveredMeterset),
                new Named<>("firstTreatmentDate", Delivery::firstTreatmentDate),
                new Named<>("lastTreatmentDate", Delivery::lastTreatmentDate),
                new Named<>("cumulativeDose", Delivery::cumulativeDose),
                new Named<>("fractions", Delivery::fractions));
    }

    /**
     * One fraction of one beam: all sessions with that fraction number added up.
     *
     * @param complete a session terminated NORMAL; else the fraction is partial
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fraction(Integer fraction, String date, Double meterset, int sessions, boolean complete) {
    }

    /** A brachy channel: planned, and delivered per the brachy records. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Channel(Integer applicationSetup, Integer channel, PairStatus status, ChannelSide baseline,
                          ChannelSide candidate) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelSide(BrachyChannel planned, Integer fractionsDelivered, Double deliveredTime) {
    }

    /** A named value of a record type, for field-by-field comparison and table columns. */
    public record Named<T>(String name, Function<T, Object> value) {
    }
}
