package org.qanode.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.result.ComparisonResult;
import org.qanode.compare.PairResult;
import org.qanode.compare.PairStatus;
import org.qanode.compare.ProfileLoader;
import org.qanode.compare.Severity;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.testing.OrthancPeer;
import org.qanode.testing.RtObjects;
import org.qanode.testing.StateGenerator;

/**
 * Two nightly sweeps against Orthanc as the ROIS: between them one approved plan is modified in
 * Orthanc and one new treatment record appears. The second sweep's comparison shows exactly
 * that: one DIFFERENT plan with one difference (ALERT), one new record (INFO), nothing else.
 */
class OrthancSweepTest {
    @TempDir
    Path dir;

    @Test
    void modifiedPlanIsAnAlertAndNewRecordIsInformational() throws Exception {
        SweepSchedulerTest.MutableClock clock = new SweepSchedulerTest.MutableClock(
                java.time.Instant.parse("2026-11-23T01:00:00Z"));
        try (ExportFixture node = new ExportFixture(dir, List.of());
             OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC",
                     Map.of("qanode", new Object[] {ExportFixture.AE, "127.0.0.1", node.scp.port()}))) {
            for (Path f : RoisData.generated(dir.resolve("gen"), RoisData.SPEC)) {
                orthanc.upload(f);
            }
            RoisConfig rois = RoisConfig.of("ARIA", "ORTHANC", "127.0.0.1", orthanc.dicomPort(), ExportFixture.AE);
            Path patients = dir.resolve("patients.csv");
            Files.writeString(patients, "Patient ID,Name\n" + RtObjects.patientId(1) + ",PHANTOM^P1\n"
                    + RtObjects.patientId(2) + ",PHANTOM^P2\n" + RtObjects.patientId(3) + ",PHANTOM^P3\n");
            List<ComparisonResult> results = new ArrayList<>();
            SweepRunner runner = new SweepRunner(
                    new SweepSettings("ARIA", "0 2 * * *", patients, List.of(), 0, "nightly", 3), node.store,
                    req -> {
                        ExportJob job = new ExportJob("x", req, Clock.systemUTC());
                        node.exporter.run(job, rois);
                        return job.snapshot();
                    },
                    new ProfileLoader(null), new SweepHistory(dir.resolve("sweeps.json")),
                    (r, c) -> results.add(c), s -> false, clock, ZoneId.of("Europe/Zurich"));

            SweepRecord first = runner.runNow("test").orElseThrow();
            assertThat(first.status()).as(first.toString()).isEqualTo(ExportStatus.DONE);
            assertThat(first.baseline()).isNull();
            assertThat(node.uidsIn("sweep-2026-11-23")).isEqualTo(orthanc.sopInstanceUids());

            // during the day: plan 1 of patient 1 re-approved with another meterset, one more fraction treated
            Dataset plan = StateGenerator.patientObjects(RoisData.SPEC, 1).get(0);
            Dataset changed = new Dataset();
            changed.addAll(plan);
            Dataset refBeam = changed.getSequence(Tags.FractionGroupSequence).get(0)
                    .getSequence(Tags.ReferencedBeamSequence).get(0);
            double mu = refBeam.getDouble(Tags.BeamMeterset, 0);
            refBeam.setDouble(Tags.BeamMeterset, VR.DS, mu + 5);
            Path planFile = dir.resolve("changed-plan.dcm");
            StateGenerator.write(planFile, changed, TransferSyntax.EXPLICIT_LE);
            orthanc.upload(planFile);
            Dataset record = RtObjects.beamsRecord(plan, 1, 1, 4);
            Path recordFile = dir.resolve("new-record.dcm");
            StateGenerator.write(recordFile, record, TransferSyntax.EXPLICIT_LE);
            orthanc.upload(recordFile);

            clock.set("2026-11-24T01:00:00Z");
            SweepRecord second = runner.runNow("test").orElseThrow();
            assertThat(second.status()).as(second.toString()).isEqualTo(ExportStatus.DONE);
            assertThat(second.baseline()).isEqualTo("sweep-2026-11-23");
            assertThat(second.alerts()).isEqualTo(1);
            assertThat(second.infos()).isEqualTo(1);
            assertThat(second.warnings()).isZero();

            ComparisonResult c = results.get(1);
            List<PairResult> notIdentical = c.pairs().stream().filter(p -> p.status() != PairStatus.IDENTICAL).toList();
            assertThat(notIdentical).hasSize(2);
            PairResult planPair = notIdentical.stream().filter(p -> p.status() == PairStatus.DIFFERENT).findFirst()
                    .orElseThrow();
            assertThat(planPair.sopInstanceUid()).isEqualTo(plan.getString(Tags.SOPInstanceUID));
            assertThat(planPair.severity()).isEqualTo(Severity.ALERT);
            assertThat(planPair.differences()).hasSize(1);
            assertThat(planPair.differences().get(0).path().toString())
                    .isEqualTo("/FractionGroupSequence/1/ReferencedBeamSequence/1/BeamMeterset");
            PairResult recordPair = notIdentical.stream().filter(p -> p.status() == PairStatus.ONLY_IN_CANDIDATE)
                    .findFirst().orElseThrow();
            assertThat(recordPair.sopInstanceUid()).isEqualTo(record.getString(Tags.SOPInstanceUID));
            assertThat(recordPair.severity()).isEqualTo(Severity.INFO);
            assertThat(c.summary().identical()).isEqualTo(RoisData.SPEC.objects() - 1);
            // issue 13: the changed approved plan is also a clinical flag; the new record raises none
            // (delivered as specified, although the plan's meterset changed since); the self-check passed
            assertThat(c.flags()).extracting(org.qanode.rt.ClinicalFlag::type)
                    .containsExactly(org.qanode.compare.ClinicalFlagType.APPROVED_PLAN_CHANGED);
            assertThat(second.flags()).isEqualTo(1);
            assertThat(second.severity()).isEqualTo("ALERT");
            assertThat(first.selfCheck().ok()).isTrue();
            assertThat(second.selfCheck().ok()).isTrue();
        }
    }
}
