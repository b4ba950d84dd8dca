package org.qanode.rt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The delivered course of one plan on one side, from its treatment records: per beam and fraction
 * number the sessions added up, so an interrupted fraction that was completed in a second session
 * counts once, and a fraction interrupted for good counts as partial, not as delivered in full.
 */
final class Course {
    private static final String NORMAL = "NORMAL";

    private final PlanSummary plan;
    private final List<RecordSummary> records;
    /** beam number -> fraction number -> sessions of that fraction. */
    private final Map<Integer, TreeMap<Long, List<RecordSummary.BeamSession>>> beams = new HashMap<>();
    private final Map<Integer, TreeMap<Long, List<RecordSummary.ChannelSession>>> channels = new HashMap<>();
    private final Map<Integer, Integer> recordGroupOfBeam = new HashMap<>();
    /** A session without a fraction number cannot be merged with others: it gets a key of its own. */
    private long unnumbered = Long.MIN_VALUE;

    Course(PlanSummary plan, List<RecordSummary> records) {
        this.plan = plan;
        this.records = records;
        for (RecordSummary r : records) {
            for (RecordSummary.BeamSession s : r.beamSessions()) {
                beams.computeIfAbsent(s.beamNumber(), k -> new TreeMap<>())
                        .computeIfAbsent(fractionKey(s.fraction()), k -> new ArrayList<>()).add(s);
                if (r.referencedFractionGroup() != null) {
                    recordGroupOfBeam.putIfAbsent(s.beamNumber(), r.referencedFractionGroup());
                }
            }
            for (RecordSummary.ChannelSession s : r.channelSessions()) {
                channels.computeIfAbsent(s.channel(), k -> new TreeMap<>())
                        .computeIfAbsent(fractionKey(s.fraction()), k -> new ArrayList<>()).add(s);
            }
        }
    }

    private long fractionKey(Integer fraction) {
        return fraction != null ? fraction : unnumbered++;
    }

    /** The fraction number of a key; null for a session that had none. */
    private static Integer fractionOf(long key) {
        return key < Integer.MIN_VALUE ? null : (int) key;
    }

    /** The Beam Name a record gives for a beam, for beams of a plan that was not exported. */
    String beamName(Integer beamNumber) {
        TreeMap<Long, List<RecordSummary.BeamSession>> byFraction = beams.get(beamNumber);
        if (byFraction != null) {
            for (List<RecordSummary.BeamSession> sessions : byFraction.values()) {
                for (RecordSummary.BeamSession s : sessions) {
                    if (s.beamName() != null) {
                        return s.beamName();
                    }
                }
            }
        }
        return null;
    }

    Set<Integer> beamNumbers() {
        return beams.keySet();
    }

    /** The delivery of one beam, or null when no record mentions it. */
    RtSummary.Delivery delivery(Integer beamNumber, BeamParameters planned) {
        TreeMap<Long, List<RecordSummary.BeamSession>> byFraction = beams.get(beamNumber);
        if (byFraction == null) {
            return null;
        }
        List<RtSummary.Fraction> fractions = new ArrayList<>();
        int delivered = 0;
        int partial = 0;
        double meterset = 0;
        boolean anyMeterset = false;
        double doseFractions = 0;
        String first = null;
        String last = null;
        for (Map.Entry<Long, List<RecordSummary.BeamSession>> e : byFraction.entrySet()) {
            boolean complete = false;
            double mu = 0;
            boolean hasMu = false;
            String date = null;
            Double specified = null;
            for (RecordSummary.BeamSession s : e.getValue()) {
                complete |= NORMAL.equals(s.terminationStatus());
                if (s.deliveredMeterset() != null) {
                    mu += s.deliveredMeterset();
                    hasMu = true;
                }
                if (specified == null) {
                    specified = s.specifiedMeterset();
                }
                date = min(date, s.date());
                first = min(first, s.date());
                last = max(last, s.date());
            }
            boolean deliveredSome = complete || (hasMu && mu > 0);
            if (!deliveredSome) {
                continue; // every session ended before any meterset: the fraction was not treated
            }
            delivered++;
            if (!complete) {
                partial++;
            }
            Double plannedMu = planned != null && planned.meterset() != null ? planned.meterset() : specified;
            doseFractions += complete || plannedMu == null || plannedMu <= 0 ? 1 : Math.min(1, mu / plannedMu);
            meterset += mu;
            anyMeterset |= hasMu;
            fractions.add(new RtSummary.Fraction(fractionOf(e.getKey()), date, hasMu ? round(mu) : null, e.getValue().size(), complete));
        }
        Double dose = planned != null && planned.beamDose() != null ? round(planned.beamDose() * doseFractions) : null;
        return new RtSummary.Delivery(delivered, partial, anyMeterset ? round(meterset) : null, first, last, dose,
                fractions);
    }

    /** Fractions of one brachy channel and its delivered time in total. */
    RtSummary.ChannelSide channel(BrachyChannel planned) {
        TreeMap<Long, List<RecordSummary.ChannelSession>> byFraction =
                planned == null ? null : channels.get(planned.channel());
        if (byFraction == null) {
            return new RtSummary.ChannelSide(planned, null, null);
        }
        int fractions = 0;
        double time = 0;
        for (List<RecordSummary.ChannelSession> sessions : byFraction.values()) {
            double t = 0;
            boolean complete = false;
            for (RecordSummary.ChannelSession s : sessions) {
                t = SummaryValues.sum(t, s.deliveredTime());
                complete |= NORMAL.equals(s.terminationStatus());
            }
            if (complete || t > 0) {
                fractions++;
            }
            time += t;
        }
        return new RtSummary.ChannelSide(planned, fractions, round(time));
    }

    /**
     * Plan-level fractions of one side. A fraction is delivered when any beam (or channel) of it
     * was; it is partial when a treatment beam with a meterset of the plan's fraction group has no
     * completed session in it. Without the plan, only interrupted sessions make a fraction partial.
     */
    RtSummary.PlanSide side(String planClass) {
        Map<Integer, Set<Integer>> deliveredByGroup = new TreeMap<>(java.util.Comparator.nullsFirst(Integer::compare));
        Map<Integer, Set<Integer>> partialByGroup = new HashMap<>();
        String first = null;
        String last = null;
        double mu = 0;
        boolean anyMu = false;
        Double dose = null;
        for (Map.Entry<Integer, TreeMap<Long, List<RecordSummary.BeamSession>>> beam : beams.entrySet()) {
            BeamParameters planned = plan == null ? null : plan.beam(beam.getKey());
            Integer group = groupOf(beam.getKey(), planned);
            RtSummary.Delivery d = delivery(beam.getKey(), planned);
            if (d.deliveredMeterset() != null) {
                mu += d.deliveredMeterset();
                anyMu = true;
            }
            if (d.cumulativeDose() != null) {
                dose = (dose == null ? 0 : dose) + d.cumulativeDose();
            }
            first = min(first, d.firstTreatmentDate());
            last = max(last, d.lastTreatmentDate());
            for (RtSummary.Fraction f : d.fractions()) {
                if (f.fraction() == null) {
                    continue;
                }
                deliveredByGroup.computeIfAbsent(group, k -> new HashSet<>()).add(f.fraction());
                if (!f.complete()) {
                    partialByGroup.computeIfAbsent(group, k -> new HashSet<>()).add(f.fraction());
                }
            }
        }
        // brachy records name no beam: their fractions belong to the plan's only fraction group
        Integer brachyGroup = plan != null && plan.fractionGroups().size() == 1 ? plan.fractionGroups().get(0).number() : null;
        for (TreeMap<Long, List<RecordSummary.ChannelSession>> ch : channels.values()) {
            for (Map.Entry<Long, List<RecordSummary.ChannelSession>> f : ch.entrySet()) {
                if (fractionOf(f.getKey()) != null) {
                    deliveredByGroup.computeIfAbsent(brachyGroup, k -> new HashSet<>()).add(fractionOf(f.getKey()));
                }
                for (RecordSummary.ChannelSession s : f.getValue()) {
                    first = min(first, s.date());
                    last = max(last, s.date());
                }
            }
        }
        if (plan != null) {
            markMissingBeams(deliveredByGroup, partialByGroup);
        }
        Integer summaryDelivered = null;
        for (RecordSummary r : records) {
            if (!r.summaryTotals().isEmpty()) {
                int n = 0;
                for (RecordSummary.FractionGroupTotal t : r.summaryTotals()) {
                    n += t.fractionsDelivered() == null ? 0 : t.fractionsDelivered();
                    first = min(first, t.firstTreatmentDate());
                    last = max(last, t.mostRecentTreatmentDate());
                }
                summaryDelivered = summaryDelivered == null ? n : Math.max(summaryDelivered, n);
            }
        }
        int delivered = deliveredByGroup.values().stream().mapToInt(Set::size).sum();
        int partial = partialByGroup.values().stream().mapToInt(Set::size).sum();
        List<RtSummary.FractionGroupSide> groups = new ArrayList<>();
        Double plannedTotal = null;
        if (plan != null) {
            for (FractionGroup g : plan.fractionGroups()) {
                Set<Integer> d = deliveredByGroup.get(g.number());
                Double perFraction = g.dosePerFraction();
                groups.add(new RtSummary.FractionGroupSide(g.number(), g.fractionsPlanned(), d == null ? 0 : d.size(),
                        perFraction == null ? null : round(perFraction)));
                if (perFraction != null && g.fractionsPlanned() != null) {
                    plannedTotal = (plannedTotal == null ? 0 : plannedTotal) + perFraction * g.fractionsPlanned();
                }
            }
        }
        Double perFraction = plan == null || plan.fractionGroups().size() != 1 ? null
                : plan.fractionGroups().get(0).dosePerFraction();
        return new RtSummary.PlanSide(plan != null, planClass, plan == null ? null : plan.label(),
                plan == null ? null : plan.name(), plan == null ? null : plan.date(), plan == null ? null : plan.time(),
                plan == null ? null : plan.approvalStatus(), plan == null ? null : plan.fractionsPlanned(),
                records.isEmpty() ? null : delivered, records.isEmpty() ? null : partial,
                perFraction == null ? null : round(perFraction), plannedTotal == null ? null : round(plannedTotal),
                dose == null ? null : round(dose), anyMu ? round(mu) : null, first, last, records.size(),
                summaryDelivered, groups.isEmpty() ? null : groups);
    }

    /**
     * A delivered fraction in which a treatment beam of its group that carries meterset was not
     * completed (no session at all, or only interrupted ones) is partial. Setup beams (Treatment
     * Delivery Type SETUP, or no meterset) are not required.
     */
    private void markMissingBeams(Map<Integer, Set<Integer>> deliveredByGroup, Map<Integer, Set<Integer>> partialByGroup) {
        for (BeamParameters b : plan.beams()) {
            boolean required = !"SETUP".equals(b.deliveryType()) && b.meterset() != null && b.meterset() > 0;
            Set<Integer> fractions = deliveredByGroup.get(b.fractionGroup());
            if (!required || fractions == null) {
                continue;
            }
            TreeMap<Long, List<RecordSummary.BeamSession>> sessions = beams.get(b.number());
            for (Integer f : fractions) {
                List<RecordSummary.BeamSession> s = sessions == null ? null : sessions.get((long) f);
                boolean complete = s != null && s.stream().anyMatch(x -> NORMAL.equals(x.terminationStatus()));
                if (!complete) {
                    partialByGroup.computeIfAbsent(b.fractionGroup(), k -> new HashSet<>()).add(f);
                }
            }
        }
    }

    /**
     * The fraction group a beam's sessions count for: the plan's (via the beam, else via a group
     * that references the beam number), else the record's Referenced Fraction Group Number, else
     * the plan's only group; null when nothing tells.
     */
    private Integer groupOf(Integer beamNumber, BeamParameters planned) {
        if (planned != null && planned.fractionGroup() != null) {
            return planned.fractionGroup();
        }
        if (plan != null) {
            for (FractionGroup g : plan.fractionGroups()) {
                if (g.beams().stream().anyMatch(r -> beamNumber != null && beamNumber.equals(r.beamNumber()))) {
                    return g.number();
                }
            }
        }
        Integer fromRecord = recordGroupOfBeam.get(beamNumber);
        if (fromRecord != null) {
            return fromRecord;
        }
        return plan != null && plan.fractionGroups().size() == 1 ? plan.fractionGroups().get(0).number() : null;
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static String min(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }
}
