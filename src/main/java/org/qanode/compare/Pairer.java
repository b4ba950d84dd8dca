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
 * <li>by SOP Instance UID; when one side holds several objects with the same UID (two
 *     versions of one instance), they pair in id order and each involved pair gets a warning;</li>
 * <li>what is left, per SOP Class, by the profile's fallback keys in order (an upgrade that
 *     re-issued UIDs); only those leftovers are read for their key values;</li>
 * <li>the rest stays alone: ONLY_IN_BASELINE, ONLY_IN_CANDIDATE, or UNREADABLE.</li>
 * </ol>
 */
final class Pairer {
    static final String BY_UID = "SOPInstanceUID";

    private final Profile profile;
    private final List<String> runWarnings = new ArrayList<>();

    Pairer(Profile profile) {
        this.profile = profile;
    }

    List<String> warnings() {
        return runWarnings;
    }

    List<PlannedPair> pair(List<SourceObject> baseline, List<SourceObject> candidate) {
        List<PlannedPair> out = new ArrayList<>();
        Map<String, List<SourceObject>> byUidA = byUid(baseline, out, "baseline");
        Map<String, List<SourceObject>> byUidB = byUid(candidate, out, "candidate");
        List<SourceObject> leftA = new ArrayList<>();
        List<SourceObject> leftB = new ArrayList<>();
        for (Map.Entry<String, List<SourceObject>> e : byUidA.entrySet()) {
            List<SourceObject> as = e.getValue();
            List<SourceObject> bs = byUidB.getOrDefault(e.getKey(), List.of());
            List<String> warnings = duplicateWarnings(e.getKey(), as, bs);
            int n = Math.max(as.size(), bs.size());
            for (int k = 0; k < n; k++) {
                if (k < as.size() && k < bs.size()) {
                    out.add(new PlannedPair(as.get(k), bs.get(k), BY_UID, warnings));
                } else if (k < as.size()) {
                    leftA.add(as.get(k));
                } else {
                    leftB.add(bs.get(k));
                }
            }
        }
        for (Map.Entry<String, List<SourceObject>> e : byUidB.entrySet()) {
            if (!byUidA.containsKey(e.getKey())) {
                leftB.addAll(e.getValue());
            }
        }
        pairByKeys(leftA, leftB, out);
        for (SourceObject a : leftA) {
            out.add(new PlannedPair(a, null, null, duplicateWarnings(a.sopInstanceUid(),
                    byUidA.getOrDefault(a.sopInstanceUid(), List.of()), byUidB.getOrDefault(a.sopInstanceUid(), List.of()))));
        }
        for (SourceObject b : leftB) {
            out.add(new PlannedPair(null, b, null, duplicateWarnings(b.sopInstanceUid(),
                    byUidA.getOrDefault(b.sopInstanceUid(), List.of()), byUidB.getOrDefault(b.sopInstanceUid(), List.of()))));
        }
        return out;
    }

    /** Groups by UID in id order; objects without a UID become lone pairs right away. */
    private Map<String, List<SourceObject>> byUid(List<SourceObject> objects, List<PlannedPair> out, String side) {
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
        for (Map.Entry<String, List<SourceObject>> e : map.entrySet()) {
            if (e.getValue().size() > 1) {
                runWarnings.add(side + " holds " + e.getValue().size() + " objects with SOP Instance UID " + e.getKey());
            }
        }
        return map;
    }

    private static List<String> duplicateWarnings(String uid, List<SourceObject> as, List<SourceObject> bs) {
        List<String> w = new ArrayList<>();
        if (as.size() > 1) {
            w.add("baseline holds " + as.size() + " objects with this SOP Instance UID: " + ids(as));
        }
        if (bs.size() > 1) {
            w.add("candidate holds " + bs.size() + " objects with this SOP Instance UID: " + ids(bs));
        }
        return w;
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
