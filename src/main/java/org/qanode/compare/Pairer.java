package org.qanode.compare;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;

/**
 * Pairs the objects of two sides so that every object is in exactly one pair:
 * <ol>
 * <li>several objects with one SOP Instance UID on one side (a folder holding two copies, or two
 *     versions, of one instance) are one object: identical data sets (by the profile's meaning)
 *     collapse into the first by id; different ones are represented by the most recently
 *     written (ties: the last by id). Either way the pair and the run get a warning naming every
 *     file;</li>
 * <li>by SOP Instance UID;</li>
 * <li>what is left, per SOP Class, by the profile's fallback keys in order (an upgrade that
 *     re-issued UIDs); only those leftovers are read for their key values;</li>
 * <li>the rest stays alone: ONLY_IN_BASELINE, ONLY_IN_CANDIDATE, or UNREADABLE.</li>
 * </ol>
 */
final class Pairer {
    static final String BY_UID = "SOPInstanceUID";

    private final Profile profile;
    private final List<String> runWarnings = new ArrayList<>();
    /** Per SOP Instance UID, the warnings about duplicates on either side. */
    private final Map<String, List<String>> duplicateWarnings = new HashMap<>();

    Pairer(Profile profile) {
        this.profile = profile;
    }

    List<String> warnings() {
        return runWarnings;
    }

    List<PlannedPair> pair(List<SourceObject> baseline, List<SourceObject> candidate) {
        List<PlannedPair> out = new ArrayList<>();
        Map<String, SourceObject> byUidA = byUid(baseline, out, "baseline");
        Map<String, SourceObject> byUidB = byUid(candidate, out, "candidate");
        List<SourceObject> leftA = new ArrayList<>();
        List<SourceObject> leftB = new ArrayList<>();
        for (Map.Entry<String, SourceObject> e : byUidA.entrySet()) {
            SourceObject b = byUidB.get(e.getKey());
            if (b != null) {
                out.add(new PlannedPair(e.getValue(), b, BY_UID, warningsOf(e.getKey())));
            } else {
                leftA.add(e.getValue());
            }
        }
        for (Map.Entry<String, SourceObject> e : byUidB.entrySet()) {
            if (!byUidA.containsKey(e.getKey())) {
                leftB.add(e.getValue());
            }
        }
        pairByKeys(leftA, leftB, out);
        for (SourceObject a : leftA) {
            out.add(new PlannedPair(a, null, null, warningsOf(a.sopInstanceUid())));
        }
        for (SourceObject b : leftB) {
            out.add(new PlannedPair(null, b, null, warningsOf(b.sopInstanceUid())));
        }
        return out;
    }

    private List<String> warningsOf(String uid) {
        return uid == null ? List.of() : duplicateWarnings.getOrDefault(uid, List.of());
    }

    /**
     * One object per UID, in id order; objects without a UID become lone pairs right away, and
     * several objects with one UID are collapsed into one ({@link #collapse}).
     */
    private Map<String, SourceObject> byUid(List<SourceObject> objects, List<PlannedPair> out, String side) {
        Map<String, List<SourceObject>> map = new LinkedHashMap<>();
        List<SourceObject> sorted = new ArrayList<>(objects);
        sorted.sort((x, y) -> x.id().compareTo(y.id()));
        for (SourceObject o : sorted) {
            if (o.unreadableReason() != null || o.sopInstanceUid() == null) {
                List<String> w = o.unreadableReason() == null ? List.of("no SOP Instance UID: cannot be paired") : List.of();
                out.add(side.equals("baseline") ? new PlannedPair(o, null, null, w) : new PlannedPair(null, o, null, w));
            } else {
                map.computeIfAbsent(o.sopInstanceUid(), k -> new ArrayList<>(1)).add(o);
            }
        }
        Map<String, SourceObject> one = new LinkedHashMap<>();
        for (Map.Entry<String, List<SourceObject>> e : map.entrySet()) {
            one.put(e.getKey(), e.getValue().size() == 1 ? e.getValue().get(0) : collapse(side, e.getKey(), e.getValue()));
        }
        return one;
    }

    /**
     * Several objects of one side with one SOP Instance UID: the first by id when all data sets
     * are identical under the profile, else the most recently written (ties: the last by id).
     */
    private SourceObject collapse(String side, String uid, List<SourceObject> objects) {
        boolean identical = allIdentical(objects);
        String warning;
        SourceObject chosen;
        if (identical) {
            chosen = objects.get(0);
            warning = side + " holds " + objects.size() + " identical copies of this object (" + ids(objects)
                    + "); they count as one object, " + chosen.id();
        } else {
            chosen = objects.get(0);
            for (SourceObject o : objects) {
                if (newer(o, chosen)) {
                    chosen = o;
                }
            }
            List<String> described = new ArrayList<>();
            for (SourceObject o : objects) {
                described.add(o.id() + (o.lastModified() != null ? " (written " + o.lastModified() + ")" : ""));
            }
            warning = side + " holds " + objects.size() + " different objects with this SOP Instance UID ("
                    + String.join(", ", described) + "); the most recently written, " + chosen.id()
                    + ", is compared and the others are left out";
        }
        duplicateWarnings.computeIfAbsent(uid, k -> new ArrayList<>()).add(warning);
        runWarnings.add("SOP Instance UID " + uid + ": " + warning);
        return chosen;
    }

    /** True when {@code o} was written after {@code than}; equal or unknown times: the later id wins. */
    private static boolean newer(SourceObject o, SourceObject than) {
        if (o == than) {
            return false;
        }
        java.time.Instant a = o.lastModified();
        java.time.Instant b = than.lastModified();
        if (a != null && b != null && !a.equals(b)) {
            return a.isAfter(b);
        }
        if (a != null && b == null) {
            return true;
        }
        if (a == null && b != null) {
            return false;
        }
        return o.id().compareTo(than.id()) > 0;
    }

    /** Reads the objects and compares each with the first under the profile; unreadable: not identical. */
    private boolean allIdentical(List<SourceObject> objects) {
        DatasetDiffer differ = new DatasetDiffer(profile);
        Dataset first;
        try {
            first = objects.get(0).read().dataset();
            for (int k = 1; k < objects.size(); k++) {
                if (!differ.diff(first, objects.get(k).read().dataset()).isEmpty()) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String ids(List<SourceObject> objects) {
        return String.join(", ", objects.stream().map(SourceObject::id).toList());
    }

    /**
     * Reads each leftover once and keeps only its key strings (not the data set), then pairs
     * through a hash map per key, so even a migration that re-issued every UID stays linear
     * in time and small in memory.
     */
    private void pairByKeys(List<SourceObject> leftA, List<SourceObject> leftB, List<PlannedPair> out) {
        if (leftA.isEmpty() || leftB.isEmpty()) {
            return;
        }
        Map<SourceObject, List<String>> keysA = keyValues(leftA);
        Map<SourceObject, List<String>> keysB = keyValues(leftB);
        Map<String, List<SourceObject>> index = new HashMap<>();
        for (SourceObject a : leftA) {
            List<String> ks = keysA.get(a);
            for (int k = 0; ks != null && k < ks.size(); k++) {
                if (ks.get(k) != null) {
                    index.computeIfAbsent(a.sopClassUid() + '\u0002' + k + '\u0002' + ks.get(k), x -> new ArrayList<>()).add(a);
                }
            }
        }
        java.util.Set<SourceObject> pairedA = new java.util.HashSet<>();
        for (SourceObject b : new ArrayList<>(leftB)) {
            List<String> ks = keysB.get(b);
            for (int k = 0; ks != null && k < ks.size(); k++) {
                if (ks.get(k) == null) {
                    continue;
                }
                List<SourceObject> candidates = index.getOrDefault(b.sopClassUid() + '\u0002' + k + '\u0002' + ks.get(k), List.of());
                SourceObject match = candidates.stream().filter(a -> !pairedA.contains(a)).findFirst().orElse(null);
                if (match != null) {
                    pairedA.add(match);
                    leftB.remove(b);
                    out.add(new PlannedPair(match, b, profile.pairingKeys(b.sopClassUid()).get(k).name(), List.of()));
                    break;
                }
            }
        }
        leftA.removeAll(pairedA);
    }

    /** Per object, the value of each of its SOP Class's keys (null where a value is missing). */
    private Map<SourceObject, List<String>> keyValues(List<SourceObject> objects) {
        Map<SourceObject, List<String>> out = new HashMap<>();
        for (SourceObject o : objects) {
            List<Profile.PairingKey> keys = profile.pairingKeys(o.sopClassUid());
            if (keys.isEmpty()) {
                continue;
            }
            Dataset ds;
            try {
                ds = o.read().dataset();
            } catch (IOException | RuntimeException e) {
                continue;
            }
            List<String> values = new ArrayList<>(keys.size());
            for (Profile.PairingKey key : keys) {
                values.add(keyValue(ds, key));
            }
            out.put(o, values);
        }
        return out;
    }

    /** The key's values joined, or null when a value is empty. */
    private static String keyValue(Dataset ds, Profile.PairingKey key) {
        StringBuilder sb = new StringBuilder();
        for (TagPath p : key.paths()) {
            String v = valueAt(ds, p);
            if (v == null || v.isEmpty()) {
                return null;
            }
            sb.append(v).append('\u0001');
        }
        return sb.toString();
    }

    /** The text value at a path, or null when any step is missing. */
    static String valueAt(Dataset ds, TagPath path) {
        Dataset cur = ds;
        for (int level = 0; level < path.depth(); level++) {
            int tag = path.tagAt(level);
            int item = path.itemAt(level);
            if (item == 0) {
                if (level != path.depth() - 1) {
                    return null;
                }
                String[] v = cur.getStrings(tag);
                return v.length == 0 ? null : String.join("\\", v);
            }
            Sequence s = cur.getSequence(tag);
            if (s == null || s.size() < item) {
                return null;
            }
            cur = s.get(item - 1);
        }
        return null;
    }
}
