package org.qanode.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.ElementDictionary;
import org.qanode.dicom.Tag;
import org.qanode.dicom.Tags;
import org.qanode.dicom.UID;

/**
 * A validated, compiled {@link ProfileDefinition}: what the diff engine and the pairing ask.
 * Immutable and shared by all worker threads.
 */
public final class Profile {
    public static final double DEFAULT_TOLERANCE = 1e-6;
    /** Relative tolerance of {@link #SCALE_FACTORS} unless the profile says otherwise. */
    public static final double DEFAULT_SCALE_FACTOR_TOLERANCE = 1e-6;
    /**
     * Elements that multiply every stored value they apply to: a scale factor of 4e-7 Gy is
     * as far from 8e-7 Gy as 1 is from 2, so an absolute tolerance (1e-6 would call them equal)
     * must never apply. They compare with the relative {@code scaleFactorTolerance} unless a
     * {@code tolerances} rule names them. Intercepts are not here: RescaleIntercept is added to
     * stored integers, so an absolute tolerance far below one stored unit is the right one.
     */
    public static final int[] SCALE_FACTORS = sorted(Tags.DoseGridScaling, Tags.DVHDoseScaling, Tags.RescaleSlope,
            Tags.RealWorldValueSlope);

    private final String name;
    private final String description;
    private final IgnoreRules ignore;
    private final Tolerance defaultTolerance;
    private final Tolerance scaleFactorTolerance;
    private final List<PathPattern> tolerancePaths = new ArrayList<>();
    private final List<Tolerance> toleranceValues = new ArrayList<>();
    private final Map<Integer, int[]> itemKeys = new HashMap<>();
    private final Map<String, List<PairingKey>> pairing = new HashMap<>();
    private final Severity defaultSeverity;
    private final List<CompiledSeverityRule> severityRules = new ArrayList<>();
    private final Map<ClinicalFlagType, Severity> clinicalFlags = new java.util.EnumMap<>(ClinicalFlagType.class);
    private final double partialFractionTolerance;
    public static final double DEFAULT_PARTIAL_FRACTION_TOLERANCE = 0.02;

    /** A fallback pairing key: its report name and the paths whose values must agree. */
    public record PairingKey(String name, List<TagPath> paths) {
    }

    private record CompiledSeverityRule(Set<String> sopClasses, Set<PairStatus> pairStatuses, PathPattern path,
                                        Map<Integer, String> where, Severity severity) {
    }

    /**
     * When two numbers are equal: they differ by at most {@code absolute}, or by at most
     * {@code relative} times the larger magnitude (so the sign and the size of each value count,
     * and 0 against 1e-9 is a difference under any relative tolerance below 1).
     */
    public record Tolerance(double absolute, double relative) {
        public static final Tolerance EXACT = new Tolerance(0, 0);

        public Tolerance {
            if (!(absolute >= 0) || !(relative >= 0) || Double.isInfinite(absolute) || Double.isInfinite(relative)) {
                throw new IllegalArgumentException("tolerances must be finite and not negative: absolute " + absolute
                        + ", relative " + relative);
            }
        }

        public boolean equal(double u, double v) {
            if (Double.compare(u, v) == 0) {
                return true;
            }
            double d = Math.abs(u - v);
            return d <= absolute || d <= relative * Math.max(Math.abs(u), Math.abs(v));
        }
    }

    /** Compiles a definition; IllegalArgumentException names the profile and the faulty entry. */
    public static Profile compile(ProfileDefinition def) {
        try {
            return new Profile(def);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("profile " + def.name() + ": " + e.getMessage(), e);
        }
    }

    private Profile(ProfileDefinition def) {
        if (def.name() == null || def.name().isBlank()) {
            throw new IllegalArgumentException("'name' is required");
        }
        this.name = def.name();
        this.description = def.description() == null ? "" : def.description();
        this.ignore = new IgnoreRules(def.ignore() == null ? List.of() : def.ignore(),
                Boolean.TRUE.equals(def.ignorePrivateTags()));
        double absolute = def.tolerance() == null ? DEFAULT_TOLERANCE : def.tolerance();
        if (!(absolute >= 0)) {
            throw new IllegalArgumentException("'tolerance' must not be negative");
        }
        this.defaultTolerance = new Tolerance(absolute, 0);
        double relative = def.scaleFactorTolerance() == null ? DEFAULT_SCALE_FACTOR_TOLERANCE : def.scaleFactorTolerance();
        if (!(relative >= 0)) {
            throw new IllegalArgumentException("'scaleFactorTolerance' must not be negative");
        }
        this.scaleFactorTolerance = new Tolerance(0, relative);
        if (def.tolerances() != null) {
            for (ProfileDefinition.ToleranceRule r : def.tolerances()) {
                if (r.path() == null || (r.absolute() == null && r.relative() == null)) {
                    throw new IllegalArgumentException("tolerance rule needs 'path' and 'absolute' or 'relative': " + r);
                }
                tolerancePaths.add(PathPattern.parse(r.path()));
                try {
                    toleranceValues.add(new Tolerance(r.absolute() == null ? 0 : r.absolute(),
                            r.relative() == null ? 0 : r.relative()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("tolerance rule " + r.path() + ": " + e.getMessage(), e);
                }
            }
        }
        if (def.itemKeys() != null) {
            def.itemKeys().forEach((seq, keys) -> itemKeys.put(TagPath.parseTag(seq, "itemKeys"),
                    keys.stream().mapToInt(k -> TagPath.parseTag(k, "itemKeys." + seq)).toArray()));
        }
        if (def.pairing() != null) {
            for (ProfileDefinition.PairingRule r : def.pairing()) {
                if (r.sopClass() == null || r.keys() == null || r.keys().isEmpty()) {
                    throw new IllegalArgumentException("pairing rule needs 'sopClass' and 'keys': " + r);
                }
                List<TagPath> paths = r.keys().stream().map(TagPath::parse).toList();
                String keyName = r.name() != null ? r.name() : String.join("+", r.keys());
                pairing.computeIfAbsent(r.sopClass(), k -> new ArrayList<>()).add(new PairingKey(keyName, paths));
            }
        }
        this.defaultSeverity = def.defaultSeverity() == null ? Severity.WARNING : def.defaultSeverity();
        if (defaultSeverity == Severity.NONE) {
            throw new IllegalArgumentException("'defaultSeverity' cannot be NONE: a finding is at least INFO");
        }
        Map<String, List<String>> groups = def.sopClassGroups() == null ? Map.of() : def.sopClassGroups();
        for (String group : groups.keySet()) {
            if (isUid(group) || UID_BY_KEYWORD.containsKey(group)) {
                throw new IllegalArgumentException("SOP class group '" + group + "' has the name of a SOP class");
            }
        }
        if (def.severities() != null) {
            for (ProfileDefinition.SeverityRule r : def.severities()) {
                if (r.severity() == null) {
                    throw new IllegalArgumentException("severity rule without 'severity': " + r);
                }
                if (r.severity() == Severity.NONE) {
                    throw new IllegalArgumentException("severity rule with severity NONE (a finding is at least INFO): " + r);
                }
                Map<Integer, String> where = new HashMap<>();
                if (r.where() != null) {
                    r.where().forEach((k, v) -> where.put(TagPath.parseTag(k, "where"), v));
                }
                Set<String> classes = null;
                if (r.sopClass() != null && !r.sopClass().isEmpty()) {
                    classes = new LinkedHashSet<>();
                    for (String c : r.sopClass()) {
                        expand(c, groups, classes, new ArrayList<>());
                    }
                }
                Set<PairStatus> statuses = r.pairStatus() == null || r.pairStatus().isEmpty() ? null
                        : Set.copyOf(r.pairStatus());
                severityRules.add(new CompiledSeverityRule(classes, statuses,
                        r.path() == null ? null : PathPattern.parse(r.path()), where, r.severity()));
            }
        }
        if (def.clinicalFlags() != null) {
            def.clinicalFlags().forEach((flag, severity) -> {
                if (flag == null) {
                    throw new IllegalArgumentException("clinical flag without a name in 'clinicalFlags'");
                }
                if (severity == null || severity == Severity.NONE) {
                    throw new IllegalArgumentException("clinical flag " + flag + " needs a severity INFO, WARNING or ALERT");
                }
                clinicalFlags.put(flag, severity);
            });
        }
        double partial = def.partialFractionTolerance() == null ? DEFAULT_PARTIAL_FRACTION_TOLERANCE
                : def.partialFractionTolerance();
        if (!(partial >= 0 && partial < 1)) {
            throw new IllegalArgumentException("'partialFractionTolerance' must be at least 0 and below 1");
        }
        this.partialFractionTolerance = partial;
    }

    /** The clinical flags this profile reports, each with its severity; empty when it reports none. */
    public Map<ClinicalFlagType, Severity> clinicalFlags() {
        return java.util.Collections.unmodifiableMap(clinicalFlags);
    }

    /**
     * Relative shortfall of a beam's delivered meterset in one fraction, against the planned,
     * above which the fraction is partial even when its session ended NORMAL.
     */
    public double partialFractionTolerance() {
        return partialFractionTolerance;
    }

    /** Storage SOP Classes by PS3.6 keyword ("RTIonPlanStorage"), for profiles that name classes. */
    private static final Map<String, String> UID_BY_KEYWORD = uidsByKeyword();

    private static Map<String, String> uidsByKeyword() {
        Map<String, String> m = new HashMap<>();
        for (String uid : UID.storageSopClasses()) {
            String k = UID.keywordOf(uid);
            if (k != null && !k.isEmpty()) {
                m.put(k, uid);
            }
        }
        return Map.copyOf(m);
    }

    private static boolean isUid(String s) {
        return s.matches("[0-9]+(\\.[0-9]+)*");
    }

    /** Adds the SOP Class UIDs {@code entry} names (a UID, a PS3.6 keyword or a group) to {@code out}. */
    private static void expand(String entry, Map<String, List<String>> groups, Set<String> out, List<String> trail) {
        String e = entry == null ? "" : entry.strip();
        if (isUid(e)) {
            out.add(e);
        } else if (UID_BY_KEYWORD.containsKey(e)) {
            out.add(UID_BY_KEYWORD.get(e));
        } else if (groups.containsKey(e)) {
            if (trail.contains(e)) {
                throw new IllegalArgumentException("SOP class group '" + e + "' contains itself: " + trail);
            }
            trail.add(e);
            for (String member : groups.get(e)) {
                expand(member, groups, out, trail);
            }
            trail.remove(trail.size() - 1);
        } else {
            throw new IllegalArgumentException("'" + e + "' is neither a SOP Class UID, nor a Storage SOP Class keyword of"
                    + " PS3.6, nor a group of 'sopClassGroups'" + (trail.isEmpty() ? "" : " (in group " + trail.get(trail.size() - 1) + ")"));
        }
    }

    private static int[] sorted(int... tags) {
        int[] t = tags.clone();
        Arrays.sort(t);
        return t;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    IgnoreRules ignoreRules() {
        return ignore;
    }

    /**
     * Tolerance for numbers at the element on top of the traversal stack: the first matching
     * {@code tolerances} rule, else the relative {@code scaleFactorTolerance} for a scale factor,
     * else the absolute {@code tolerance}.
     */
    Tolerance toleranceFor(int[] tags, int[] items, int depth) {
        for (int i = 0; i < tolerancePaths.size(); i++) {
            if (tolerancePaths.get(i).matches(tags, items, depth)) {
                return toleranceValues.get(i);
            }
        }
        if (depth > 0 && Arrays.binarySearch(SCALE_FACTORS, tags[depth - 1]) >= 0) {
            return scaleFactorTolerance;
        }
        return defaultTolerance;
    }

    /** The tolerance at a path, as {@link #toleranceFor(int[], int[], int)} finds it. */
    public Tolerance toleranceAt(TagPath path) {
        return toleranceFor(path.tagArray(), path.itemArray(), path.depth());
    }

    /** The identifying attributes of items of sequence {@code seqTag}, or null: match by position. */
    int[] itemKeysOf(int seqTag) {
        return itemKeys.get(seqTag);
    }

    public List<PairingKey> pairingKeys(String sopClassUid) {
        return sopClassUid == null ? List.of() : pairing.getOrDefault(sopClassUid, List.of());
    }

    /** Severity of one difference of a pair, or the pair's own when {@code path} is null. */
    public Severity severityOf(String sopClassUid, PairStatus status, TagPath path, Dataset subject) {
        String cls = sopClassUid == null ? null : sopClassUid.strip();
        for (CompiledSeverityRule r : severityRules) {
            if (r.sopClasses() != null && (cls == null || !r.sopClasses().contains(cls))) {
                continue;
            }
            if (r.pairStatuses() != null && !r.pairStatuses().contains(status)) {
                continue;
            }
            if (r.path() != null && (path == null || !r.path().matches(path))) {
                continue;
            }
            if (!r.where().isEmpty() && !whereHolds(r.where(), subject)) {
                continue;
            }
            return r.severity();
        }
        return defaultSeverity;
    }

    private static boolean whereHolds(Map<Integer, String> where, Dataset subject) {
        if (subject == null) {
            return false;
        }
        for (Map.Entry<Integer, String> e : where.entrySet()) {
            if (!e.getValue().equals(subject.getText(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Keyword or (GGGG,EEEE), for messages. */
    static String nameOf(int tag) {
        String k = ElementDictionary.keywordOf(tag);
        return k.isEmpty() ? Tag.toString(tag) : k;
    }
}
