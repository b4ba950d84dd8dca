package org.qanode.selftest;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qanode.compare.Difference;
import org.qanode.compare.DifferenceKind;
import org.qanode.compare.ObjectSource;
import org.qanode.compare.PairResult;
import org.qanode.compare.PairStatus;
import org.qanode.compare.Profile;
import org.qanode.compare.SourceObject;
import org.qanode.compare.TagPath;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.result.ComparisonResult;
import org.qanode.result.ComparisonRunner;

/**
 * The built-in self-check (issue 13, "phantom run"): compares a generated baseline with a generated
 * candidate that carries a fixed set of seeded changes and benign re-export noise, and checks that
 * the comparator reports every seeded change at its tag path in its object, and nothing else.
 *
 * <p>Seeded: a beam's MU (BeamMeterset), one MLC leaf position in one control point, a gantry angle,
 * a jaw position, a private value (all in the plan), a record's delivered meterset, and a record
 * missing from the candidate. Noise that must not be reported: other Instance Creation Date/Time,
 * other transfer syntaxes, other object ids and order, and another Specific Character Set with
 * the same text (non-ASCII names). The profile is the caller's: the node's {@code upgrade} profile
 * normally, a deliberately weakened one in the test that proves the check can fail.
 */
public final class SelfCheck {
    /** A change the candidate carries: where the comparator must find it. */
    public record Seed(String what, String sopInstanceUid, String path, String kind) {
        @Override
        public String toString() {
            return what + ": " + kind + " " + path + " in " + sopInstanceUid;
        }
    }

    /**
     * @param ok         every seed found and nothing else reported
     * @param at         when the check ran
     * @param expected   the seeded changes
     * @param found      what the comparator reported, one line each
     * @param missed     seeds not reported, one line each
     * @param unexpected reports that are no seed, one line each
     * @param error      why the check could not run at all (no profile, say), else null
     */
    public record Result(boolean ok, Instant at, String profile, List<Seed> expected, List<String> found,
            List<String> missed, List<String> unexpected, String error) {
        public Result {
            expected = List.copyOf(expected);
            found = List.copyOf(found);
            missed = List.copyOf(missed);
            unexpected = List.copyOf(unexpected);
        }

        /** A check that could not run at all (no profile, say): failed, with the first line of the reason. */
        public static Result error(Instant at, String profile, String reason) {
            String line = reason == null ? "unknown error" : reason.lines().findFirst().orElse("unknown error");
            return new Result(false, at, profile, seeds(), List.of(), List.of(), List.of(), line);
        }

        /** One line per missed or unexpected difference, after a verdict line. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            if (ok) {
                out.add("selftest OK: all " + expected.size() + " seeded changes found at their tag paths, nothing else"
                        + " reported (profile " + profile + ", " + at + ")");
                return out;
            }
            if (error != null) {
                out.add("selftest FAILED: could not run: " + error + " (profile " + profile + ", " + at + ")");
                return out;
            }
            out.add("selftest FAILED: " + missed.size() + " seeded change(s) missed, " + unexpected.size()
                    + " unexpected difference(s) (profile " + profile + ", " + at + ")");
            missed.forEach(m -> out.add("MISSED " + m));
            unexpected.forEach(u -> out.add("UNEXPECTED " + u));
            return out;
        }
    }

    static final String BASELINE_DATE = "20260101";
    static final String BASELINE_TIME = "101010";

    private final Profile profile;
    private final int threads;

    public SelfCheck(Profile profile) {
        this(profile, 2);
    }

    /** @param threads the comparator's worker threads (the node runs the check on one, beside its work) */
    public SelfCheck(Profile profile, int threads) {
        this.profile = profile;
        this.threads = threads;
    }

    /** The seeded changes, in the order {@link #candidate} applies them. */
    public static List<Seed> seeds() {
        String plan = Phantom.PLAN_UID;
        String changed = DifferenceKind.CHANGED.name();
        return List.of(
                new Seed("beam MU", plan, "/FractionGroupSequence/1/ReferencedBeamSequence/1/BeamMeterset", changed),
                new Seed("MLC leaf", plan,
                        "/BeamSequence/1/ControlPointSequence/3/BeamLimitingDevicePositionSequence/1/LeafJawPositions", changed),
                new Seed("gantry angle", plan, "/BeamSequence/2/ControlPointSequence/4/GantryAngle", changed),
                new Seed("jaw position", plan,
                        "/BeamSequence/2/ControlPointSequence/1/BeamLimitingDevicePositionSequence/2/LeafJawPositions", changed),
                new Seed("private value", plan, TagPath.ofElement(Phantom.PRIVATE_VALUE).toString(), changed),
                new Seed("delivered meterset", Phantom.recordUid(1),
                        "/TreatmentSessionBeamSequence/2/DeliveredPrimaryMeterset", changed),
                new Seed("removed record", Phantom.recordUid(Phantom.RECORDS), "/", PairStatus.ONLY_IN_BASELINE.name()));
    }

    /**
     * Loads {@code profileName} with {@code profiles} and runs the check; a profile that does not
     * load, or any other error, is a failed check ({@link Result#error}), never an exception.
     */
    public static Result run(org.qanode.compare.ProfileLoader profiles, String profileName, int threads) {
        try {
            return new SelfCheck(profiles.load(profileName), threads).run();
        } catch (Exception | LinkageError e) {
            return Result.error(Instant.now(), profileName, e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    public Result run() throws IOException {
        Instant at = Instant.now();
        ComparisonResult r = new ComparisonRunner(profile, threads, true).compare(baseline(), candidate());
        List<Seed> seeds = seeds();
        Map<String, String> found = new LinkedHashMap<>();
        for (PairResult p : r.pairs()) {
            String uid = p.sopInstanceUid() != null ? p.sopInstanceUid()
                    : p.baselineObject() != null ? p.baselineObject() : p.candidateObject();
            switch (p.status()) {
                case IDENTICAL -> { }
                case DIFFERENT -> {
                    for (Difference d : p.differences()) {
                        found.put(key(uid, d.path().toString(), d.kind().name()),
                                d.kind() + " " + d.path() + " in " + uid + " (" + d.baseline() + " -> " + d.candidate() + ")");
                    }
                    if (p.differences().isEmpty()) {
                        found.put(key(uid, "/", p.status().name()), p.status() + " without differences: " + uid);
                    }
                }
                default -> found.put(key(uid, "/", p.status().name()), p.status() + " " + uid
                        + (p.reason() != null ? " (" + p.reason() + ")" : ""));
            }
            for (String w : p.warnings()) {
                found.put(key(uid, "warning", w), "warning on " + uid + ": " + w);
            }
        }
        for (String w : r.warnings()) {
            found.put(key("", "warning", w), "run warning: " + w);
        }
        Map<String, String> unexpected = new LinkedHashMap<>(found);
        List<String> missed = new ArrayList<>();
        for (Seed s : seeds) {
            if (unexpected.remove(key(s.sopInstanceUid(), s.path(), s.kind())) == null) {
                missed.add(s.toString());
            }
        }
        return new Result(missed.isEmpty() && unexpected.isEmpty(), at, profile.name(), seeds,
                List.copyOf(found.values()), missed, List.copyOf(unexpected.values()), null);
    }

    private static String key(String uid, String path, String kind) {
        return uid + "|" + path + "|" + kind;
    }

    /** The baseline: Latin-1, Explicit VR Little Endian, plan first. */
    static ObjectSource baseline() throws IOException {
        List<Dataset> ds = Phantom.generate("ISO_IR 100", BASELINE_DATE, BASELINE_TIME);
        List<SourceObject> objects = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            objects.add(Phantom.encode("baseline/" + (i == 0 ? "RP" : "RT" + i) + ".dcm", ds.get(i), TransferSyntax.EXPLICIT_LE));
        }
        return new Phantom.Side("selftest-baseline", objects);
    }

    /**
     * The candidate: the same objects re-exported (UTF-8, other creation date and time, other
     * transfer syntaxes, other names, reverse order) with the seeds applied and the last record left out.
     */
    static ObjectSource candidate() throws IOException {
        List<Dataset> ds = Phantom.generate("ISO_IR 192", "20260315", "231559");
        Dataset plan = ds.get(0);
        Dataset fg = plan.getSequence(Tags.FractionGroupSequence).get(0);
        Dataset rb = fg.getSequence(Tags.ReferencedBeamSequence).get(0);
        rb.setDouble(Tags.BeamMeterset, VR.DS, Phantom.round(rb.getDouble(Tags.BeamMeterset, 0) + 2.5, 4));
        Sequence beams = plan.getSequence(Tags.BeamSequence);
        Dataset mlc = beams.get(0).getSequence(Tags.ControlPointSequence).get(2)
                .getSequence(Tags.BeamLimitingDevicePositionSequence).get(0);
        double[] leaves = mlc.getDoubles(Tags.LeafJawPositions);
        leaves[3] = Phantom.round(leaves[3] + 1.0, 2);
        mlc.setDouble(Tags.LeafJawPositions, VR.DS, leaves);
        Dataset cp = beams.get(1).getSequence(Tags.ControlPointSequence).get(3);
        cp.setDouble(Tags.GantryAngle, VR.DS, Phantom.round(cp.getDouble(Tags.GantryAngle, 0) + 2.0, 1));
        Dataset jaw = beams.get(1).getSequence(Tags.ControlPointSequence).get(0)
                .getSequence(Tags.BeamLimitingDevicePositionSequence).get(1);
        jaw.setDouble(Tags.LeafJawPositions, VR.DS, -62, 60);
        plan.setString(Phantom.PRIVATE_VALUE, VR.LO, "PlanIntent PALLIATIVE");
        Dataset session = ds.get(1).getSequence(Tags.TreatmentSessionBeamSequence).get(1);
        session.setDouble(Tags.DeliveredPrimaryMeterset, VR.DS,
                Phantom.round(session.getDouble(Tags.DeliveredPrimaryMeterset, 0) + 1.0, 3));
        ds.remove(ds.size() - 1);

        TransferSyntax[] syntaxes = {TransferSyntax.IMPLICIT_LE, TransferSyntax.DEFLATED_LE, TransferSyntax.EXPLICIT_BE};
        List<SourceObject> objects = new ArrayList<>();
        for (int i = ds.size() - 1; i >= 0; i--) {
            objects.add(Phantom.encode("export-2/" + String.format("%04d", 17 + i) + ".dcm", ds.get(i),
                    syntaxes[i % syntaxes.length]));
        }
        return new Phantom.Side("selftest-candidate", objects);
    }
}
