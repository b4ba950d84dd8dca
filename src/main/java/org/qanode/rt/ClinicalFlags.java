package org.qanode.rt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.qanode.compare.ClinicalFlagType;
import org.qanode.compare.PairStatus;
import org.qanode.compare.Severity;

/**
 * Finds the clinical flags of a comparison from the plan and record summaries the RT summary
 * gathers anyway (no data set is read twice). The baseline is the previous night, the candidate
 * tonight: flags about delivery look only at treatment records that are new (or changed) in the
 * candidate, so an override recorded last week is reported the night it appears, not every night
 * after. Completing sessions in older records still count (an interrupted beam finished in a
 * second session is not partial).
 *
 * <p>Values come from PS3.3: Treatment Termination Status (3008,002A) NORMAL, OPERATOR, MACHINE,
 * UNKNOWN and Treatment Verification Status (3008,002C) VERIFIED, VERIFIED_OVR, NOT_VERIFIED of
 * the RT Beams Session Record (C.8.8.21); Number of Fractions Planned and the Referenced Beam
 * Sequence of the Fraction Scheme (C.8.8.13); Approval Status (C.8.8.16).
 */
final class ClinicalFlags {
    static final String NORMAL = "NORMAL";
    static final String APPROVED = "APPROVED";
    static final String VERIFIED_OVR = "VERIFIED_OVR";

    private final Map<ClinicalFlagType, Severity> rules;
    private final double partialTolerance;
    private final List<ClinicalFlag> out = new ArrayList<>();

    ClinicalFlags(Map<ClinicalFlagType, Severity> rules, double partialTolerance) {
        this.rules = rules;
        this.partialTolerance = partialTolerance;
    }

    /** A session of a candidate record, with the record it came from. */
    private record Delivered(RecordSummary record, RecordSummary.BeamSession session, boolean fresh) {
    }

    List<ClinicalFlag> find(Iterable<RtObjectSummary> baseline, Iterable<RtObjectSummary> candidate,
            Map<String, PairStatus> pairStatus) {
        Map<String, PlanSummary> before = plans(baseline);
        Map<String, PlanSummary> after = plans(candidate);
        for (Map.Entry<String, PlanSummary> e : after.entrySet()) {
            PlanSummary old = before.get(e.getKey());
            if (old != null) {
                planFlags(old, e.getValue(), pairStatus.get(e.getKey()));
            }
        }
        Map<String, List<Delivered>> byPlan = new TreeMap<>();
        for (RtObjectSummary s : candidate) {
            if (s instanceof RecordSummary r) {
                // New tonight, or changed: anything the comparator did not find IDENTICAL.
                boolean fresh = pairStatus.get(r.sopInstanceUid()) != PairStatus.IDENTICAL;
                for (RecordSummary.BeamSession b : r.beamSessions()) {
                    byPlan.computeIfAbsent(Objects.toString(r.referencedPlanUid(), ""), k -> new ArrayList<>())
                            .add(new Delivered(r, b, fresh));
                }
            }
        }
        for (Map.Entry<String, List<Delivered>> e : byPlan.entrySet()) {
            if (e.getValue().stream().noneMatch(Delivered::fresh)) {
                continue;
            }
            PlanSummary plan = after.containsKey(e.getKey()) ? after.get(e.getKey()) : before.get(e.getKey());
            courseFlags(e.getKey().isEmpty() ? null : e.getKey(), plan, e.getValue());
        }
        out.sort(Comparator.comparing(ClinicalFlag::severity, Comparator.reverseOrder())
                .thenComparing(ClinicalFlag::patientId, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(ClinicalFlag::plan, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(ClinicalFlag::type)
                .thenComparing(ClinicalFlag::fraction, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(ClinicalFlag::beam, Comparator.nullsFirst(Comparator.naturalOrder())));
        return List.copyOf(out);
    }

    private static Map<String, PlanSummary> plans(Iterable<RtObjectSummary> side) {
        Map<String, PlanSummary> m = new HashMap<>();
        for (RtObjectSummary s : side) {
            if (s instanceof PlanSummary p && p.sopInstanceUid() != null) {
                m.putIfAbsent(p.sopInstanceUid(), p);
            }
        }
        return m;
    }

    private void planFlags(PlanSummary old, PlanSummary now, PairStatus status) {
        if (status != PairStatus.DIFFERENT) {
            return; // an IDENTICAL plan changed nothing, approval included
        }
        if (APPROVED.equals(old.approvalStatus())) {
            add(ClinicalFlagType.APPROVED_PLAN_CHANGED, now, null, null, null,
                    "plan " + name(now) + " was APPROVED and its content changed since the baseline");
        }
        if (!Objects.equals(old.approvalStatus(), now.approvalStatus())) {
            add(ClinicalFlagType.APPROVAL_STATUS_CHANGED, now, null, null, null, "approval status of plan " + name(now)
                    + " changed: " + value(old.approvalStatus()) + " -> " + value(now.approvalStatus()));
        }
    }

    /** Flags of the delivered course of one plan; {@code plan} null when it was exported on neither side. */
    private void courseFlags(String planUid, PlanSummary plan, List<Delivered> sessions) {
        for (Delivered d : sessions) {
            if (!d.fresh()) {
                continue;
            }
            RecordSummary.BeamSession s = d.session();
            if (VERIFIED_OVR.equals(s.verificationStatus())) {
                add(ClinicalFlagType.TREATMENT_OVERRIDE, plan, planUid, d, null, "beam " + beam(plan, s) + " of fraction "
                        + value(s.fraction()) + " treated on " + value(s.date()) + " with an override (VERIFIED_OVR)");
            }
            if (plan != null && !plan.fractionGroups().isEmpty()) {
                Set<Integer> allowed = beamsOfGroup(plan, d.record().referencedFractionGroup());
                if (!allowed.contains(s.beamNumber())) {
                    add(ClinicalFlagType.BEAM_NOT_IN_PLAN, plan, planUid, d, null, "beam " + beam(plan, s)
                            + " delivered in fraction " + value(s.fraction()) + " is not in "
                            + (group(plan, d.record().referencedFractionGroup()) != null
                                    ? "fraction group " + d.record().referencedFractionGroup() : "any fraction group")
                            + " of plan " + name(plan) + " (beams " + allowed.stream().map(String::valueOf)
                                    .collect(Collectors.joining(", ")) + ")");
                }
            }
        }
        partialFractions(planUid, plan, sessions);
        if (plan != null) {
            fractionsBeyondPlanned(planUid, plan, sessions);
        }
    }

    /**
     * Per beam and fraction number, the sessions added up: partial when none ended NORMAL, or
     * when the delivered meterset falls short of the planned (the records' Specified Primary
     * Meterset, else the plan's Beam Meterset) by more than the profile's tolerance. Setup beams and
     * beams without planned meterset are never partial. Reported when a new record has a session of it.
     */
    private void partialFractions(String planUid, PlanSummary plan, List<Delivered> sessions) {
        Map<List<Object>, List<Delivered>> byBeamFraction = new LinkedHashMap<>();
        int unnumbered = 0;
        for (Delivered d : sessions) {
            Object fraction = d.session().fraction() != null ? d.session().fraction() : "unnumbered " + unnumbered++;
            byBeamFraction.computeIfAbsent(java.util.Arrays.asList(d.session().beamNumber(), fraction),
                    k -> new ArrayList<>()).add(d);
        }
        for (List<Delivered> group : byBeamFraction.values()) {
            Delivered fresh = group.stream().filter(Delivered::fresh).findFirst().orElse(null);
            if (fresh == null) {
                continue;
            }
            RecordSummary.BeamSession first = fresh.session();
            BeamParameters planned = plan == null ? null : plan.beam(first.beamNumber());
            if (planned != null && "SETUP".equals(planned.deliveryType())) {
                continue;
            }
            // What was specified when the beam was treated (the largest: a resumed session specifies
            // only the rest); the plan's meterset only when the records do not say: the plan may
            // have changed since, and tonight's version did not govern last night's delivery.
            Double plannedMu = group.stream().map(d -> d.session().specifiedMeterset()).filter(Objects::nonNull)
                    .max(Double::compare).orElse(planned != null ? planned.meterset() : null);
            if (plannedMu == null || plannedMu <= 0) {
                continue;
            }
            boolean normal = false;
            double mu = 0;
            List<String> endings = new ArrayList<>();
            for (Delivered d : group) {
                normal |= NORMAL.equals(d.session().terminationStatus());
                mu += d.session().deliveredMeterset() == null ? 0 : d.session().deliveredMeterset();
                endings.add(value(d.session().terminationStatus()));
            }
            boolean shortOfPlanned = mu < plannedMu * (1 - partialTolerance);
            if (!normal || shortOfPlanned) {
                add(ClinicalFlagType.PARTIAL_FRACTION, plan, planUid, fresh, null, "beam " + beam(plan, first)
                        + " in fraction " + value(first.fraction()) + ": " + fmt(mu) + " of " + fmt(plannedMu)
                        + " MU delivered in " + group.size() + " session(s) ending " + String.join(", ", endings));
            }
        }
    }

    /**
     * Per fraction group, the distinct fraction numbers in which any beam of the group delivered
     * meterset (or ended NORMAL): more of them than Number of Fractions Planned, or a fraction
     * number above it, is a fraction beyond the prescription.
     */
    private void fractionsBeyondPlanned(String planUid, PlanSummary plan, List<Delivered> sessions) {
        Map<Integer, Set<Integer>> delivered = new TreeMap<>();
        Map<Integer, Delivered> freshOfGroup = new HashMap<>();
        for (Delivered d : sessions) {
            RecordSummary.BeamSession s = d.session();
            boolean gave = NORMAL.equals(s.terminationStatus())
                    || (s.deliveredMeterset() != null && s.deliveredMeterset() > 0);
            Integer g = groupOf(plan, d);
            if (!gave || s.fraction() == null || g == null) {
                continue;
            }
            delivered.computeIfAbsent(g, k -> new TreeSet<>()).add(s.fraction());
            if (d.fresh()) {
                freshOfGroup.merge(g, d, (a, b) -> b.session().fraction() > a.session().fraction() ? b : a);
            }
        }
        for (FractionGroup g : plan.fractionGroups()) {
            Set<Integer> fractions = delivered.get(g.number());
            Delivered fresh = freshOfGroup.get(g.number());
            if (fractions == null || fresh == null || g.fractionsPlanned() == null) {
                continue;
            }
            int highest = ((TreeSet<Integer>) fractions).last();
            if (fractions.size() > g.fractionsPlanned() || highest > g.fractionsPlanned()) {
                add(ClinicalFlagType.FRACTIONS_BEYOND_PLANNED, plan, planUid, fresh, fresh.session().fraction(),
                        "fraction group " + g.number() + " of plan " + name(plan) + ": " + fractions.size()
                                + " fraction(s) delivered (highest number " + highest + "), " + g.fractionsPlanned()
                                + " planned");
            }
        }
    }

    /** The record's Referenced Fraction Group Number, else the group that references the beam, else the only one. */
    private static Integer groupOf(PlanSummary plan, Delivered d) {
        Integer g = d.record().referencedFractionGroup();
        if (g != null && plan.fractionGroup(g) != null) {
            return g;
        }
        for (FractionGroup fg : plan.fractionGroups()) {
            if (fg.beams().stream().anyMatch(b -> Objects.equals(b.beamNumber(), d.session().beamNumber()))) {
                return fg.number();
            }
        }
        return plan.fractionGroups().size() == 1 ? plan.fractionGroups().get(0).number() : null;
    }

    private static FractionGroup group(PlanSummary plan, Integer number) {
        return number == null ? null : plan.fractionGroup(number);
    }

    /** Beams the record's fraction group references; every group's when the record names none (or an unknown one). */
    private static Set<Integer> beamsOfGroup(PlanSummary plan, Integer number) {
        FractionGroup g = group(plan, number);
        Set<Integer> beams = new TreeSet<>();
        for (FractionGroup fg : g != null ? List.of(g) : plan.fractionGroups()) {
            fg.beams().stream().map(FractionGroup.ReferencedBeam::beamNumber).filter(Objects::nonNull).forEach(beams::add);
        }
        return beams;
    }

    private void add(ClinicalFlagType type, PlanSummary plan, String planUid, Delivered d, Integer fraction,
            String detail) {
        Severity severity = rules.get(type);
        if (severity == null) {
            return;
        }
        String patient = d != null ? d.record().patientId() : plan != null ? plan.patientId() : null;
        if (patient == null && plan != null) {
            patient = plan.patientId();
        }
        out.add(new ClinicalFlag(type, severity, patient, plan != null ? plan.sopInstanceUid() : planUid,
                plan != null ? plan.label() : null, d != null ? d.record().sopInstanceUid() : null,
                d != null ? d.session().beamNumber() : null,
                fraction != null ? fraction : d != null ? d.session().fraction() : null, detail));
    }

    private static String name(PlanSummary plan) {
        return plan.label() != null ? plan.label() : plan.sopInstanceUid();
    }

    private static String beam(PlanSummary plan, RecordSummary.BeamSession s) {
        String name = s.beamName();
        BeamParameters b = plan == null ? null : plan.beam(s.beamNumber());
        if (b != null && b.name() != null) {
            name = b.name();
        }
        return value(s.beamNumber()) + (name != null ? " (" + name + ")" : "");
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    private static String value(Object v) {
        return v == null ? "(absent)" : v.toString();
    }
}
