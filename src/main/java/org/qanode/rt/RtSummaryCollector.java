package org.qanode.rt;

import org.qanode.compare.PairStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.UID;

/**
 * Gathers the small per-object summaries while the comparator works through its pairs (thread
 * safe: workers call it concurrently), then assembles the {@link RtSummary}. Only summaries and
 * metrics are kept, never a data set.
 */
public final class RtSummaryCollector {
    /** Which state an object belongs to. */
    public enum Side { BASELINE, CANDIDATE }

    private final boolean twoSided;
    private final ConcurrentLinkedQueue<RtObjectSummary> baseline = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<RtObjectSummary> candidate = new ConcurrentLinkedQueue<>();
    private final Map<String, PlanPairMetrics.Result> metrics = new ConcurrentHashMap<>();
    private final Map<String, PairStatus> pairStatus = new ConcurrentHashMap<>();
    private final Set<String> unplaced = ConcurrentHashMap.newKeySet();

    /** @param twoSided false for the summary of one side alone (no statuses, no candidate values) */
    public RtSummaryCollector(boolean twoSided) {
        this.twoSided = twoSided;
    }

    /**
     * Summarises a compared pair: either data set may be null (object on one side, or unreadable).
     * {@code status} is the comparator's verdict on the pair, mapped onto {@link PairStatus}.
     */
    public void pair(String sopInstanceUid, String sopClassUid, Dataset baselineDs, Dataset candidateDs, PairStatus status) {
        if (!RtObjects.isRt(sopClassUid)) {
            return;
        }
        if (status == PairStatus.UNREADABLE && baselineDs == null && candidateDs == null) {
            unplaced.add(sopInstanceUid + " (" + UID.nameOf(sopClassUid) + ", unreadable)");
            return;
        }
        if (status == PairStatus.IDENTICAL && baselineDs != null && candidateDs != null) {
            // Equal under the profile: one summary serves both sides, so the summary never
            // contradicts the comparator (values within tolerance, ignored tags) and costs half.
            RtObjectSummary both = compactIfRecord(RtObjects.summarise(baselineDs));
            store(Side.BASELINE, both);
            store(Side.CANDIDATE, both);
        } else {
            if (baselineDs != null) {
                add(Side.BASELINE, RtObjects.summarise(baselineDs));
            }
            if (candidateDs != null) {
                add(Side.CANDIDATE, RtObjects.summarise(candidateDs));
            }
        }
        if (sopInstanceUid != null && status != null) {
            pairStatus.put(sopInstanceUid, status);
        }
        // Metrics for plans that differ; an IDENTICAL pair has no difference above the profile's tolerance.
        if (baselineDs != null && candidateDs != null && Kind.of(sopClassUid) == Kind.PLAN && status == PairStatus.DIFFERENT) {
            metrics.put(sopInstanceUid, PlanPairMetrics.compute(baselineDs, candidateDs));
        }
    }

    /** An object of one side, for the one-sided summary. */
    public void add(Side side, RtObjectSummary s) {
        store(side, compactIfRecord(s));
    }

    private void store(Side side, RtObjectSummary s) {
        if (s != null) {
            (side == Side.BASELINE ? baseline : candidate).add(s);
        }
    }

    private RtObjectSummary compactIfRecord(RtObjectSummary s) {
        return s instanceof RecordSummary r ? compact(r) : s;
    }

    /**
     * Records outnumber plans twenty to one at upgrade scale and repeat the same patient, study,
     * plan, class, date and beam strings: one shared copy of each keeps the summary small.
     */
    private final Map<String, String> strings = new ConcurrentHashMap<>();

    private String shared(String s) {
        return s == null ? null : strings.computeIfAbsent(s, k -> k);
    }

    private RecordSummary compact(RecordSummary r) {
        List<RecordSummary.BeamSession> sessions = new ArrayList<>(r.beamSessions().size());
        for (RecordSummary.BeamSession b : r.beamSessions()) {
            sessions.add(new RecordSummary.BeamSession(b.beamNumber(), shared(b.beamName()), b.fraction(), shared(b.date()),
                    shared(b.terminationStatus()), b.specifiedMeterset(), b.deliveredMeterset(),
                    shared(b.verificationStatus())));
        }
        return new RecordSummary(r.sopInstanceUid(), shared(r.sopClassUid()), shared(r.patientId()),
                shared(r.patientName()), shared(r.studyInstanceUid()), shared(r.referencedPlanUid()),
                r.referencedFractionGroup(), shared(r.treatmentDate()), List.copyOf(sessions), r.channelSessions(),
                r.summaryTotals());
    }

    /** An RT object that could not be read, listed so that it does not vanish from the summary. */
    public void unreadable(String id) {
        unplaced.add(id);
    }

    private enum Kind {
        PLAN, RECORD;

        static Kind of(String sopClassUid) {
            RtObjects.Kind k = RtObjects.kindOf(sopClassUid);
            return k == RtObjects.Kind.PLAN || k == RtObjects.Kind.ION_PLAN ? PLAN : RECORD;
        }
    }

    /** One side's plans and records, grouped by plan SOP Instance UID. */
    private static final class SideIndex {
        final Map<String, PlanSummary> plans = new TreeMap<>();
        final Map<String, List<RecordSummary>> records = new TreeMap<>();
        final Map<String, String> patientOfPlan = new TreeMap<>();
        final Map<String, String> nameOfPatient = new TreeMap<>();

        SideIndex(Iterable<RtObjectSummary> all) {
            for (RtObjectSummary s : all) {
                String patient = s.patientId() == null ? "" : s.patientId();
                if (s.patientName() != null) {
                    nameOfPatient.putIfAbsent(patient, s.patientName());
                }
                if (s instanceof PlanSummary p) {
                    plans.putIfAbsent(key(p.sopInstanceUid()), p);
                    patientOfPlan.put(key(p.sopInstanceUid()), patient);
                } else if (s instanceof RecordSummary r) {
                    records.computeIfAbsent(key(r.referencedPlanUid()), k -> new ArrayList<>()).add(r);
                    patientOfPlan.putIfAbsent(key(r.referencedPlanUid()), patient);
                }
            }
        }

        static String key(String uid) {
            return uid == null ? "" : uid;
        }
    }

    /**
     * The clinical flags of this comparison ({@link ClinicalFlags}), each with the severity
     * {@code rules} give it; empty when the rules switch none on. Call after the last pair.
     */
    public List<ClinicalFlag> flags(Map<org.qanode.compare.ClinicalFlagType, org.qanode.compare.Severity> rules,
            double partialFractionTolerance) {
        if (rules.isEmpty() || !twoSided) {
            return List.of();
        }
        return new ClinicalFlags(rules, partialFractionTolerance).find(baseline, candidate, pairStatus);
    }

    public RtSummary build() {
        SideIndex a = new SideIndex(baseline);
        SideIndex b = new SideIndex(candidate);
        Set<String> planUids = new LinkedHashSet<>(a.patientOfPlan.keySet());
        planUids.addAll(b.patientOfPlan.keySet());
        Map<String, List<RtSummary.Plan>> byPatient = new TreeMap<>();
        Map<String, String> names = new TreeMap<>(b.nameOfPatient);
        names.putAll(a.nameOfPatient);
        int[] counts = new int[PairStatus.values().length];
        // plans are independent: assemble them on all cores (this runs after the comparison's pool)
        List<RtSummary.Plan> assembled = new ArrayList<>(planUids).parallelStream()
                .map(uid -> PlanAssembler.assemble(uid.isEmpty() ? null : uid, twoSided,
                        a.plans.get(uid), a.records.getOrDefault(uid, List.of()),
                        b.plans.get(uid), b.records.getOrDefault(uid, List.of()),
                        pairStatus, metrics.get(uid)))
                .toList();
        int next = 0;
        for (String uid : planUids) {
            RtSummary.Plan plan = assembled.get(next++);
            if (plan.status() != null) {
                counts[plan.status().ordinal()]++;
            }
            String patient = a.patientOfPlan.containsKey(uid) ? a.patientOfPlan.get(uid) : b.patientOfPlan.get(uid);
            byPatient.computeIfAbsent(patient, k -> new ArrayList<>()).add(plan);
        }
        List<RtSummary.Patient> patients = new ArrayList<>();
        for (Map.Entry<String, List<RtSummary.Plan>> e : byPatient.entrySet()) {
            e.getValue().sort(Comparator.comparing((RtSummary.Plan p) -> label(p), Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(RtSummary.Plan::sopInstanceUid, Comparator.nullsLast(Comparator.naturalOrder())));
            patients.add(new RtSummary.Patient(e.getKey().isEmpty() ? null : e.getKey(), names.get(e.getKey()), e.getValue()));
        }
        List<String> unplacedSorted = new ArrayList<>(unplaced);
        unplacedSorted.sort(null);
        return new RtSummary(planUids.size(), counts[PairStatus.IDENTICAL.ordinal()], counts[PairStatus.DIFFERENT.ordinal()],
                counts[PairStatus.ONLY_IN_BASELINE.ordinal()], counts[PairStatus.ONLY_IN_CANDIDATE.ordinal()],
                counts[PairStatus.UNREADABLE.ordinal()], patients, unplacedSorted);
    }

    private static String label(RtSummary.Plan p) {
        RtSummary.PlanSide s = p.baseline() != null ? p.baseline() : p.candidate();
        return s == null ? null : Objects.toString(s.label(), null);
    }
}
