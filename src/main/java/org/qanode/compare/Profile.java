package org.qanode.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.ElementDictionary;
import org.qanode.dicom.Tag;

/**
 * A validated, compiled {@link ProfileDefinition}: what the diff engine and the pairing ask.
 * Immutable and shared by all worker threads.
 */
public final class Profile {
    public static final double DEFAULT_TOLERANCE = 1e-6;

    private final String name;
    private final String description;
    private final IgnoreRules ignore;
    private final double defaultTolerance;
    private final List<PathPattern> tolerancePaths = new ArrayList<>();
    private final List<Double> toleranceValues = new ArrayList<>();
    private final Map<Integer, int[]> itemKeys = new HashMap<>();
    private final Map<String, List<PairingKey>> pairing = new HashMap<>();
    private final Severity defaultSeverity;
    private final List<CompiledSeverityRule> severityRules = new ArrayList<>();

    /** A fallback pairing key: its report name and the paths whose values must agree. */
    public record PairingKey(String name, List<TagPath> paths) {
    }

    private record CompiledSeverityRule(String sopClass, PairStatus pairStatus, PathPattern path,
                                        Map<Integer, String> where, Severity severity) {
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
        this.defaultTolerance = def.tolerance() == null ? DEFAULT_TOLERANCE : def.tolerance();
        if (defaultTolerance < 0) {
            throw new IllegalArgumentException("'tolerance' must not be negative");
        }
        if (def.tolerances() != null) {
            for (ProfileDefinition.ToleranceRule r : def.tolerances()) {
                if (r.path() == null || r.absolute() < 0) {
                    throw new IllegalArgumentException("tolerance rule needs 'path' and a non-negative 'absolute': " + r);
                }
                tolerancePaths.add(PathPattern.parse(r.path()));
                toleranceValues.add(r.absolute());
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
        if (def.severities() != null) {
            for (ProfileDefinition.SeverityRule r : def.severities()) {
                if (r.severity() == null) {
                    throw new IllegalArgumentException("severity rule without 'severity': " + r);
                }
                Map<Integer, String> where = new HashMap<>();
                if (r.where() != null) {
                    r.where().forEach((k, v) -> where.put(TagPath.parseTag(k, "where"), v));
                }
                severityRules.add(new CompiledSeverityRule(r.sopClass(), r.pairStatus(),
                        r.path() == null ? null : PathPattern.parse(r.path()), where, r.severity()));
            }
        }
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

    /** Absolute tolerance for numbers at the element on top of the traversal stack. */
    double toleranceFor(int[] tags, int[] items, int depth) {
        for (int i = 0; i < tolerancePaths.size(); i++) {
            if (tolerancePaths.get(i).matches(tags, items, depth)) {
                return toleranceValues.get(i);
            }
        }
        return defaultTolerance;
    }

    /** The identifying attributes of items of sequence {@code seqTag}, or null: match by position. */
    int[] itemKeysOf(int seqTag) {
        return itemKeys.get(seqTag);
    }

    public List<PairingKey> pairingKeys(String sopClassUid) {
        return sopClassUid == null ? List.of() : pairing.getOrDefault(sopClassUid, List.of());
    }

    /** Severity of one difference of a pair, or the pair's own when {@code path} is null. */
    Severity severityOf(String sopClassUid, PairStatus status, TagPath path, Dataset subject) {
        for (CompiledSeverityRule r : severityRules) {
            if (r.sopClass() != null && !r.sopClass().equals(sopClassUid)) {
                continue;
            }
            if (r.pairStatus() != null && r.pairStatus() != status) {
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
