package org.qanode.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.compare.ClinicalFlagType;
import org.qanode.compare.ProfileLoader;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.ingest.StateStoreSink;
import org.qanode.result.ComparisonResult;
import org.qanode.rt.ClinicalFlag;
import org.qanode.store.StateStore;
import org.qanode.testing.CourseGenerator;
import org.qanode.testing.SinkFeeder;

/**
 * Nightly sweeps over generated courses, through the real store, comparator and runner (the ROIS
 * export stood in by storing what the ROIS would send): the clinical flags of the night come out
 * in the comparison and the sweep record, and every sweep runs the self-check first, marking the
 * run when a deliberately broken comparator rule makes it fail.
 */
class NightlySweepFlagsTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Zurich");

    @TempDir
    Path dir;
    private StateStore store;
    private final SweepSchedulerTest.MutableClock clock = new SweepSchedulerTest.MutableClock(
            Instant.parse("2026-11-23T01:00:00Z"));
    /** What the ROIS holds tonight. */
    private final AtomicReference<List<Dataset>> rois = new AtomicReference<>(List.of());
    private final List<ComparisonResult> compared = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        store = StateStore.open(dir.resolve("var"), StateStore.defaultIndexUrl(dir.resolve("var")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private SweepRunner runner(Path profilesDir) throws Exception {
        Path patients = dir.resolve("patients.csv");
        Files.writeString(patients, "Patient ID\nQA000001\n");
        SweepExport export = req -> {
            store.createState(req.state());
            StateStoreSink sink = new StateStoreSink(store, ctx -> req.state());
            for (Dataset ds : rois.get()) {
                try {
                    assertThat(SinkFeeder.send(sink, ds, TransferSyntax.EXPLICIT_LE, "ROIS", "QANODE")).isZero();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            int n = rois.get().size();
            return new ExportStatus("e", ExportStatus.DONE, req.rois(), req.state(), n, n, 0, 0, 1, 1, 1, null,
                    List.of(), null, null);
        };
        return new SweepRunner(new SweepSettings("ARIA", "0 2 * * *", patients, List.of(), 0, "nightly", 5), store,
                export, new ProfileLoader(profilesDir), new SweepHistory(dir.resolve("sweeps.json")),
                (r, c) -> {
                    if (c != null) {
                        compared.add(c);
                    }
                }, s -> false, clock, ZONE);
    }

    private static List<Dataset> with(Dataset plan, List<Dataset> records) {
        List<Dataset> all = new ArrayList<>(records);
        all.add(0, plan);
        return all;
    }

    @Test
    void tonightsOverrideAndExtraFractionAreFlaggedAndTheSelfCheckPasses() throws Exception {
        CourseGenerator c = new CourseGenerator(1).fractionsPlanned(1, 4).treat(1, 3);
        c.fraction(1, 4).override(1);
        c.fraction(1, 5);
        List<Dataset> records = c.records();
        SweepRunner runner = runner(null);

        rois.set(with(c.plan(), records.subList(0, 3)));
        SweepRecord first = runner.runNow("test").orElseThrow();
        assertThat(first.selfCheck().ok()).as(first.toString()).isTrue();
        assertThat(first.selfCheck().profile()).isEqualTo("nightly");
        assertThat(first.flags()).isZero();

        clock.set("2026-11-24T01:00:00Z");
        rois.set(with(c.plan(), records));
        SweepRecord second = runner.runNow("test").orElseThrow();
        assertThat(second.status()).isEqualTo(ExportStatus.DONE);
        assertThat(second.baseline()).isEqualTo("sweep-2026-11-23");
        assertThat(second.selfCheck().ok()).isTrue();
        assertThat(second.infos()).isEqualTo(2);   // two new records
        assertThat(second.alerts()).isZero();      // no pair is an alert ...
        assertThat(second.flags()).isEqualTo(2);   // ... but the flags are
        assertThat(second.severity()).isEqualTo("ALERT");
        assertThat(second.error()).isNull();
        assertThat(compared).hasSize(1);
        assertThat(compared.get(0).flags()).extracting(ClinicalFlag::type, ClinicalFlag::fraction).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ClinicalFlagType.FRACTIONS_BEYOND_PLANNED, 5),
                org.assertj.core.groups.Tuple.tuple(ClinicalFlagType.TREATMENT_OVERRIDE, 4));
        // the history keeps it
        SweepRecord stored = new SweepHistory(dir.resolve("sweeps.json")).get(second.id()).orElseThrow();
        assertThat(stored.flags()).isEqualTo(2);
        assertThat(stored.selfCheck()).isEqualTo(second.selfCheck());

        // a third night with nothing new: quiet again
        clock.set("2026-11-25T01:00:00Z");
        SweepRecord third = runner.runNow("test").orElseThrow();
        assertThat(third.flags()).isZero();
        assertThat(third.severity()).isEqualTo("NONE");
    }

    /** A comparator rule deliberately broken in the sweep's profile: BeamMeterset ignored. */
    @Test
    void aBrokenComparatorRuleFailsTheSweepsSelfCheckLoudly() throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("nightly.yml"), Files.readString(Path.of("conf/profiles/nightly.yml"))
                .replace("  - InstanceCreationDate\n", "  - InstanceCreationDate\n  - BeamMeterset\n"));
        CourseGenerator c = new CourseGenerator(2).treat(1, 2);
        SweepRunner runner = runner(profiles);
        rois.set(with(c.plan(), c.records()));
        SweepRecord r = runner.runNow("test").orElseThrow();
        assertThat(r.status()).isEqualTo(ExportStatus.DONE); // the export itself was fine
        assertThat(r.selfCheckFailed()).isTrue();
        assertThat(r.selfCheck().profile()).isEqualTo("nightly");
        assertThat(r.selfCheck().problems().get(0)).startsWith("selftest FAILED: 1 seeded change(s) missed");
        assertThat(r.selfCheck().problems()).anyMatch(l -> l.startsWith("MISSED beam MU: CHANGED "
                + "/FractionGroupSequence/1/ReferencedBeamSequence/1/BeamMeterset"));
        assertThat(r.severity()).isEqualTo("ALERT");
        assertThat(r.error()).startsWith("selftest FAILED: 1 seeded change(s) missed")
                .contains("comparisons cannot be trusted");
        assertThat(new SweepHistory(dir.resolve("sweeps.json")).get(r.id()).orElseThrow().selfCheckFailed()).isTrue();
    }
}
