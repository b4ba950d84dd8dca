package org.qanode.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qanode.testing.RtObjects.sessionRecord;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qanode.dicom.Dataset;
import org.qanode.testing.RtObjects;
import org.qanode.testing.RtObjects.Session;

/**
 * Delivered courses from generated RT Beams Treatment Records: an interrupted fraction completed in
 * a second session, a fraction interrupted for good, a re-treated fraction, two fraction groups, a
 * setup beam and a beam without MLC. Expected values worked out by hand in the comments.
 */
class RtCourseTest {
    private static final Dataset PLAN = RtObjects.multiGroupPlan(5);

    /** Fractions 1-5 of group 1 and fraction 1 of group 2, with the incidents named in the class comment. */
    static List<Dataset> records() {
        return List.of(
                sessionRecord(PLAN, "1", "20260105", 1, new Session(1, 1, "NORMAL", 100, 100),
                        new Session(2, 1, "NORMAL", 120, 120), new Session(3, 1, "NORMAL", 0, 0)),
                sessionRecord(PLAN, "2", "20260106", 1, new Session(1, 2, "NORMAL", 100, 100),
                        new Session(2, 2, "NORMAL", 120, 120)),
                // fraction 3: beam 2 stops at 48 MU (machine fault), the rest is given in a second session
                sessionRecord(PLAN, "3", "20260107", 1, new Session(1, 3, "NORMAL", 100, 100),
                        new Session(2, 3, "MACHINE", 120, 48)),
                sessionRecord(PLAN, "3b", "20260107", 1, new Session(2, 3, "NORMAL", 72, 72)),
                // fraction 4 recorded twice for beam 1: a re-treatment of the same fraction number
                sessionRecord(PLAN, "4", "20260108", 1, new Session(1, 4, "NORMAL", 100, 100),
                        new Session(2, 4, "NORMAL", 120, 120)),
                sessionRecord(PLAN, "4b", "20260108", 1, new Session(1, 4, "NORMAL", 100, 100)),
                // fraction 5: beam 2 stopped by the operator at 30 MU and never completed
                sessionRecord(PLAN, "5", "20260109", 1, new Session(1, 5, "NORMAL", 100, 100),
                        new Session(2, 5, "OPERATOR", 120, 30)),
                // boost group: fraction 1, and a session stopped before any MU (not a delivery)
                sessionRecord(PLAN, "6", "20260110", 2, new Session(4, 1, "NORMAL", 150, 150)),
                sessionRecord(PLAN, "7", "20260111", 2, new Session(4, 2, "MACHINE", 150, 0)));
    }

    static RtSummary oneSided(List<Dataset> objects) {
        RtSummaryCollector c = new RtSummaryCollector(false);
        for (Dataset ds : objects) {
            c.add(RtSummaryCollector.Side.BASELINE, org.qanode.rt.RtObjects.summarise(ds));
        }
        return c.build();
    }

    static List<Dataset> course() {
        List<Dataset> all = new java.util.ArrayList<>(records());
        all.add(0, PLAN);
        return all;
    }

    @Test
    void beamsCountInterruptedAndRetreatedFractionsHonestly() {
        RtSummary s = oneSided(course());
        RtSummary.Plan plan = s.patients().get(0).plans().get(0);
        RtSummary.Delivery b1 = beam(plan, 1).baseline().delivery();
        // fractions 1..5, fraction 4 twice: 5 fractions, 6 x 100 MU, 5 x 1 Gy
        assertThat(b1.fractionsDelivered()).isEqualTo(5);
        assertThat(b1.fractionsPartial()).isZero();
        assertThat(b1.deliveredMeterset()).isEqualTo(600.0);
        assertThat(b1.cumulativeDose()).isEqualTo(5.0);
        assertThat(b1.fractions().get(3).sessions()).isEqualTo(2);
        RtSummary.Delivery b2 = beam(plan, 2).baseline().delivery();
        // 1, 2, 3 (48 + 72), 4 complete; 5 partial with 30 of 120 MU: 4.25 Gy
        assertThat(b2.fractionsDelivered()).isEqualTo(5);
        assertThat(b2.fractionsPartial()).isEqualTo(1);
        assertThat(b2.deliveredMeterset()).isEqualTo(510.0);
        assertThat(b2.cumulativeDose()).isEqualTo(4.25);
        assertThat(b2.fractions().get(2).meterset()).isEqualTo(120.0);
        assertThat(b2.fractions().get(2).complete()).isTrue();
        assertThat(b2.fractions().get(4).complete()).isFalse();
        assertThat(b2.firstTreatmentDate()).isEqualTo("20260105");
        assertThat(b2.lastTreatmentDate()).isEqualTo("20260109");
    }

    @Test
    void planCountsFractionsPerGroupAndExcludesSetupBeams() {
        RtSummary.Plan plan = oneSided(course()).patients().get(0).plans().get(0);
        RtSummary.PlanSide side = plan.baseline();
        assertThat(side.fractionsPlanned()).isEqualTo(30);
        // group 1: fractions 1..5 (5 partial), group 2: fraction 1 (fraction 2 had no MU)
        assertThat(side.fractionsDelivered()).isEqualTo(6);
        assertThat(side.fractionsPartial()).isEqualTo(1);
        assertThat(side.fractionGroups()).extracting(RtSummary.FractionGroupSide::fractionsDelivered).containsExactly(5, 1);
        assertThat(side.dosePerFraction()).isNull(); // two groups: no single dose per fraction
        assertThat(side.plannedTotalDose()).isEqualTo(2.0 * 25 + 2.0 * 5);
        assertThat(side.deliveredTotalDose()).isEqualTo(5.0 + 4.25 + 2.0);
        assertThat(side.deliveredMeterset()).isEqualTo(600.0 + 510.0 + 150.0);
        assertThat(side.records()).isEqualTo(9);
        assertThat(side.firstTreatmentDate()).isEqualTo("20260105");
        assertThat(side.lastTreatmentDate()).isEqualTo("20260111");
        RtSummary.Beam setup = beam(plan, 3);
        assertThat(setup.baseline().planned().deliveryType()).isEqualTo("SETUP");
        assertThat(setup.baseline().planned().meterset()).isNull();
        assertThat(setup.baseline().delivery().cumulativeDose()).isNull();
    }

    @Test
    void beamWithoutMlcHasJawsOnly() {
        RtSummary.Plan plan = oneSided(course()).patients().get(0).plans().get(0);
        BeamParameters boost = beam(plan, 4).baseline().planned();
        assertThat(boost.mlc()).isFalse();
        assertThat(boost.jawX()).containsExactly(-40.0, 45.0);
        assertThat(boost.jawY()).containsExactly(-50.0, 55.0);
        assertThat(boost.gantryStart()).isEqualTo(90.0);
        assertThat(boost.fractionGroup()).isEqualTo(2);
        assertThat(boost.beamDose()).isEqualTo(2.0);
        assertThat(beam(plan, 1).baseline().planned().mlc()).isTrue();
    }

    @Test
    void recordsWithoutTheirPlanStillShowTheCourse() {
        RtSummary.Plan plan = oneSided(records()).patients().get(0).plans().get(0);
        assertThat(plan.baseline().planPresent()).isFalse();
        assertThat(plan.baseline().fractionsDelivered()).isEqualTo(6);
        // without the plan only the interrupted session marks fraction 5 partial
        assertThat(plan.baseline().fractionsPartial()).isEqualTo(1);
        assertThat(beam(plan, 2).name()).isEqualTo("B2");
        assertThat(beam(plan, 2).baseline().delivery().cumulativeDose()).isNull();
    }

    static RtSummary.Beam beam(RtSummary.Plan plan, int number) {
        return plan.beams().stream().filter(b -> b.number() == number).findFirst().orElseThrow();
    }
}
