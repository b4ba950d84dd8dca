package org.qanode.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.compare.ClinicalFlagType;
import org.qanode.compare.FolderSource;
import org.qanode.compare.ProfileLoader;
import org.qanode.compare.Severity;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.node.NodeJson;
import org.qanode.result.ComparisonResult;
import org.qanode.result.ComparisonRunner;
import org.qanode.testing.CourseGenerator;

/**
 * The nightly clinical flags (issue 13) on generated courses: each flag present when its condition
 * appears in tonight's records or plans, absent on a clean course, absent when the condition is
 * only in records the previous sweep already had, and never under a profile that does not ask.
 */
class ClinicalFlagsTest {
    @TempDir
    Path dir;
    private int run;

    private ComparisonResult compare(String profile, List<Dataset> baseline, List<Dataset> candidate) throws IOException {
        run++;
        Path a = CourseGenerator.write(Files.createDirectories(dir.resolve(run + "/baseline")), baseline);
        Path b = CourseGenerator.write(Files.createDirectories(dir.resolve(run + "/candidate")), candidate);
        return new ComparisonRunner(new ProfileLoader(null).load(profile), 2).compare(new FolderSource(a), new FolderSource(b));
    }

    private ComparisonResult nightly(List<Dataset> baseline, List<Dataset> candidate) throws IOException {
        return compare("nightly", baseline, candidate);
    }

    private static List<Dataset> with(Dataset plan, List<Dataset> records) {
        List<Dataset> all = new ArrayList<>();
        all.add(plan);
        all.addAll(records);
        return all;
    }

    private static String uid(Dataset ds) {
        return ds.getString(Tags.SOPInstanceUID);
    }

    @Test
    void aCleanCourseHasNoFlag() throws IOException {
        CourseGenerator c = new CourseGenerator(1).treat(1, 5);
        c.fraction(2, 1);
        ComparisonResult r = nightly(with(c.plan(), c.records(3)), with(c.plan(), c.records()));
        assertThat(r.flags()).isEmpty();
        // three new records, INFO under nightly, and nothing else
        assertThat(r.severity()).isEqualTo(Severity.INFO);
        assertThat(r.summary().onlyInCandidate()).isEqualTo(3);
    }

    @Test
    void aFractionBeyondThePlannedNumberIsAnAlert() throws IOException {
        CourseGenerator c = new CourseGenerator(2).fractionsPlanned(1, 3).treat(1, 4);
        List<Dataset> records = c.records();
        ComparisonResult r = nightly(with(c.plan(), records.subList(0, 3)), with(c.plan(), records));
        assertThat(r.flags()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(ClinicalFlagType.FRACTIONS_BEYOND_PLANNED);
            assertThat(f.severity()).isEqualTo(Severity.ALERT);
            assertThat(f.record()).isEqualTo(uid(records.get(3)));
            assertThat(f.plan()).isEqualTo(c.planUid());
            assertThat(f.planLabel()).isEqualTo("3D+BOOST");
            assertThat(f.fraction()).isEqualTo(4);
            assertThat(f.patientId()).isEqualTo(c.plan().getString(Tags.PatientID));
            assertThat(f.detail()).isEqualTo("fraction group 1 of plan 3D+BOOST: 4 fraction(s) delivered (highest number 4), 3 planned");
        });
        // the records themselves are only INFO: the flag is what makes this night an ALERT
        assertThat(r.pairs()).allMatch(p -> p.severity() == null || p.severity() == Severity.INFO);
        assertThat(r.severity()).isEqualTo(Severity.ALERT);
    }

    @Test
    void theLastPlannedFractionIsNotBeyondAndAnOldExcessIsNotReportedAgain() throws IOException {
        CourseGenerator c = new CourseGenerator(3).fractionsPlanned(1, 3).treat(1, 4);
        List<Dataset> records = c.records();
        assertThat(nightly(with(c.plan(), records.subList(0, 2)), with(c.plan(), records.subList(0, 3))).flags()).isEmpty();
        // the fourth fraction was flagged the night it appeared; a night with nothing new is quiet
        assertThat(nightly(with(c.plan(), records), with(c.plan(), records)).flags()).isEmpty();
    }

    @Test
    void aFractionNumberAboveThePlannedIsBeyondEvenWhenCountsAgree() throws IOException {
        CourseGenerator c = new CourseGenerator(4).fractionsPlanned(1, 3);
        c.fraction(1, 1);
        c.fraction(1, 2);
        c.fraction(1, 5); // numbered beyond the prescription (a fraction skipped in the R&V count)
        List<Dataset> records = c.records();
        ComparisonResult r = nightly(with(c.plan(), records.subList(0, 2)), with(c.plan(), records));
        assertThat(r.flags()).extracting(ClinicalFlag::type).containsExactly(ClinicalFlagType.FRACTIONS_BEYOND_PLANNED);
        assertThat(r.flags().get(0).detail()).contains("3 fraction(s) delivered (highest number 5), 3 planned");
    }

    @Test
    void anOverrideIsAWarningOnTheNightItIsRecorded() throws IOException {
        CourseGenerator c = new CourseGenerator(5).treat(1, 3);
        c.fraction(1, 4).override(2);
        List<Dataset> records = c.records();
        ComparisonResult r = nightly(with(c.plan(), records.subList(0, 3)), with(c.plan(), records));
        assertThat(r.flags()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(ClinicalFlagType.TREATMENT_OVERRIDE);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.beam()).isEqualTo(2);
            assertThat(f.fraction()).isEqualTo(4);
            assertThat(f.record()).isEqualTo(uid(records.get(3)));
            assertThat(f.detail()).isEqualTo("beam 2 (PA) of fraction 4 treated on 20260104 with an override (VERIFIED_OVR)");
        });
        assertThat(r.severity()).isEqualTo(Severity.WARNING);
        // the next night the same record is IDENTICAL: not reported again
        assertThat(nightly(with(c.plan(), records), with(c.plan(), records)).flags()).isEmpty();
    }

    @Test
    void aBeamOfAnotherFractionGroupOrUnknownToThePlanIsAnAlert() throws IOException {
        CourseGenerator c = new CourseGenerator(6).treat(1, 2);
        c.fraction(1, 3).alsoBeam(4);   // the boost field given in a fraction of group 1
        c.fraction(1, 4).alsoBeam(9);   // a beam the plan does not have at all
        List<Dataset> records = c.records();
        ComparisonResult r = nightly(with(c.plan(), records.subList(0, 2)), with(c.plan(), records));
        assertThat(r.flags()).extracting(ClinicalFlag::type, ClinicalFlag::beam, ClinicalFlag::fraction)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ClinicalFlagType.BEAM_NOT_IN_PLAN, 4, 3),
                        org.assertj.core.groups.Tuple.tuple(ClinicalFlagType.BEAM_NOT_IN_PLAN, 9, 4));
        assertThat(r.flags()).allMatch(f -> f.severity() == Severity.ALERT);
        assertThat(r.flags().get(0).detail())
                .isEqualTo("beam 4 (BOOST LAT) delivered in fraction 3 is not in fraction group 1 of plan 3D+BOOST (beams 1, 2, 3)");
    }

    @Test
    void withoutAFractionGroupReferenceAnyGroupsBeamIsInThePlan() throws IOException {
        CourseGenerator c = new CourseGenerator(7).treat(1, 2);
        c.fraction(1, 3).withoutGroupReference().alsoBeam(4);
        c.fraction(1, 4).withoutGroupReference().alsoBeam(9);
        List<Dataset> records = c.records();
        ComparisonResult r = nightly(with(c.plan(), records.subList(0, 2)), with(c.plan(), records));
        assertThat(r.flags()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(ClinicalFlagType.BEAM_NOT_IN_PLAN);
            assertThat(f.beam()).isEqualTo(9);
            assertThat(f.detail()).contains("is not in any fraction group of plan 3D+BOOST (beams 1, 2, 3, 4)");
        });
    }

    @Test
    void anInterruptedBeamIsAPartialFractionUntilItIsCompleted() throws IOException {
        CourseGenerator c = new CourseGenerator(8).treat(1, 3);
        c.fraction(1, 4).interrupted(2, "MACHINE", 48);
        c.fraction(1, 4).only(2).delivered(2, 72); // the rest of beam 2, given in a second session
        List<Dataset> records = c.records();
        ComparisonResult tonight = nightly(with(c.plan(), records.subList(0, 3)), with(c.plan(), records.subList(0, 4)));
        assertThat(tonight.flags()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(ClinicalFlagType.PARTIAL_FRACTION);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.beam()).isEqualTo(2);
            assertThat(f.fraction()).isEqualTo(4);
            assertThat(f.detail()).isEqualTo("beam 2 (PA) in fraction 4: 48.00 of 120.00 MU delivered in 1 session(s) ending MACHINE");
        });
        // completed the next day: 48 + 72 MU, one session NORMAL: no flag
        assertThat(nightly(with(c.plan(), records.subList(0, 4)), with(c.plan(), records)).flags()).isEmpty();
    }

    @Test
    void aBeamEndedNormalButShortOfItsMetersetIsPartialBeyondTheTolerance() throws IOException {
        CourseGenerator c = new CourseGenerator(9).treat(1, 1);
        c.fraction(1, 2).delivered(2, 100);    // 100 of 120 MU: short by 17 %
        c.fraction(1, 3).delivered(1, 98.5);   // 98.5 of 100 MU: within the 2 % of the nightly profile
        List<Dataset> records = c.records();
        ComparisonResult r = nightly(with(c.plan(), records.subList(0, 1)), with(c.plan(), records));
        assertThat(r.flags()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(ClinicalFlagType.PARTIAL_FRACTION);
            assertThat(f.fraction()).isEqualTo(2);
            assertThat(f.detail()).endsWith("100.00 of 120.00 MU delivered in 1 session(s) ending NORMAL");
        });
    }

    @Test
    void aRecordDeliveredAsSpecifiedIsNotPartialWhenThePlanChangedSince() throws IOException {
        CourseGenerator c = new CourseGenerator(16).treat(1, 2);
        List<Dataset> records = c.records();
        // beam 1 re-planned from 100 to 110 MU today; tonight's record still gave the 100 MU it specified
        ComparisonResult r = nightly(with(c.plan(), records.subList(0, 1)), with(c.planWithBeam1Meterset(110), records));
        assertThat(r.flags()).extracting(ClinicalFlag::type).containsExactly(ClinicalFlagType.APPROVED_PLAN_CHANGED);
    }

    @Test
    void aSessionStoppedBeforeAnyMetersetIsPartialButSetupBeamsNeverAre() throws IOException {
        CourseGenerator c = new CourseGenerator(10).treat(1, 1);
        c.fraction(2, 1).interrupted(4, "OPERATOR", 0);
        c.fraction(1, 2).alsoBeam(3); // the setup field (no meterset planned) recorded with the fraction
        List<Dataset> records = c.records();
        ComparisonResult r = nightly(with(c.plan(), records.subList(0, 1)), with(c.plan(), records));
        assertThat(r.flags()).extracting(ClinicalFlag::type, ClinicalFlag::beam)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ClinicalFlagType.PARTIAL_FRACTION, 4));
    }

    @Test
    void anApprovedPlanThatChangedIsAnAlertFlag() throws IOException {
        CourseGenerator c = new CourseGenerator(11).treat(1, 2);
        ComparisonResult r = nightly(with(c.plan(), c.records()), with(c.planWithBeam1Meterset(105), c.records()));
        assertThat(r.flags()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(ClinicalFlagType.APPROVED_PLAN_CHANGED);
            assertThat(f.severity()).isEqualTo(Severity.ALERT);
            assertThat(f.record()).isNull();
            assertThat(f.plan()).isEqualTo(c.planUid());
        });
        // an unapproved plan being worked on may change: no flag (the pair is still a WARNING)
        CourseGenerator draft = new CourseGenerator(12).approval("UNAPPROVED");
        ComparisonResult d = nightly(List.of(draft.plan()), List.of(draft.planWithBeam1Meterset(105)));
        assertThat(d.flags()).isEmpty();
        assertThat(d.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void anApprovalStatusChangeIsAWarningFlag() throws IOException {
        CourseGenerator c = new CourseGenerator(13).approval("UNAPPROVED");
        Dataset before = c.planWithBeam1Meterset(100);
        c.approval("APPROVED");
        ComparisonResult r = nightly(List.of(before), List.of(c.plan()));
        assertThat(r.flags()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(ClinicalFlagType.APPROVAL_STATUS_CHANGED);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.detail()).isEqualTo("approval status of plan 3D+BOOST changed: UNAPPROVED -> APPROVED");
        });
        // approved, then unapproved: both the status change and the change of an approved plan
        ComparisonResult back = nightly(List.of(c.plan()), List.of(before));
        assertThat(back.flags()).extracting(ClinicalFlag::type).containsExactlyInAnyOrder(
                ClinicalFlagType.APPROVED_PLAN_CHANGED, ClinicalFlagType.APPROVAL_STATUS_CHANGED);
    }

    @Test
    void theUpgradeProfileReportsNoClinicalFlag() throws IOException {
        CourseGenerator c = new CourseGenerator(14).fractionsPlanned(1, 1).treat(1, 1);
        c.fraction(1, 2).override(1).interrupted(2, "MACHINE", 10);
        List<Dataset> records = c.records();
        assertThat(nightly(with(c.plan(), records.subList(0, 1)), with(c.plan(), records)).flags())
                .extracting(ClinicalFlag::type).containsExactly(ClinicalFlagType.FRACTIONS_BEYOND_PLANNED,
                        ClinicalFlagType.TREATMENT_OVERRIDE, ClinicalFlagType.PARTIAL_FRACTION);
        assertThat(compare("upgrade", with(c.plan(), records.subList(0, 1)), with(c.plan(), records)).flags()).isEmpty();
    }

    @Test
    void flagsAreInTheResultJsonAndReadBack() throws IOException {
        CourseGenerator c = new CourseGenerator(15).treat(1, 1);
        c.fraction(1, 2).override(1);
        List<Dataset> records = c.records();
        ComparisonResult r = nightly(with(c.plan(), records.subList(0, 1)), with(c.plan(), records));
        byte[] json = NodeJson.MAPPER.writeValueAsBytes(r);
        JsonNode tree = NodeJson.MAPPER.readTree(json);
        assertThat(tree.at("/flags/0/flag").asText()).isEqualTo("TREATMENT_OVERRIDE");
        assertThat(tree.at("/flags/0/severity").asText()).isEqualTo("WARNING");
        assertThat(tree.at("/flags/0/beam").asInt()).isEqualTo(1);
        assertThat(tree.at("/severity").asText()).isEqualTo("WARNING");
        ComparisonResult back = NodeJson.MAPPER.readValue(json, ComparisonResult.class);
        assertThat(back.flags()).isEqualTo(r.flags());
        // a result without flags has no "flags" key: the JSON of ARCHITECTURE.md is unchanged
        ComparisonResult clean = nightly(List.of(c.plan()), List.of(c.plan()));
        assertThat(NodeJson.MAPPER.readTree(NodeJson.MAPPER.writeValueAsBytes(clean)).has("flags")).isFalse();
    }

    @Test
    void aMisspeltFlagInAProfileIsAnError() throws IOException {
        Path p = dir.resolve("bad.yml");
        Files.writeString(p, "name: bad\nclinicalFlags:\n  TREATMENT_OVERIDE: WARNING\n");
        assertThatThrownBy(() -> ProfileLoader.read(p)).hasMessageContaining("TREATMENT_OVERIDE");
        Files.writeString(p, "name: bad\nclinicalFlags:\n  TREATMENT_OVERRIDE: NONE\n");
        assertThatThrownBy(() -> ProfileLoader.read(p)).hasMessageContaining("TREATMENT_OVERRIDE needs a severity");
    }
}
