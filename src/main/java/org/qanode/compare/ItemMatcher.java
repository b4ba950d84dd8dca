package org.qanode.compare;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.VR;

/**
 * Pairs the items of a sequence on both sides. With identifying attributes (BeamSequence by
 * BeamNumber, ...) items pair by equal key wherever they are, so a reordered export is not a
 * difference; numbers are keyed by value, so BeamNumber "01" pairs with "1". Without keys, or
 * when an item lacks its key or a key repeats on one side (then the key does not identify),
 * items pair by position.
 *
 * <p>Result order: baseline items in baseline order (paired or REMOVED), then candidate-only
 * items (ADDED) in candidate order.
 */
final class ItemMatcher {
    private ItemMatcher() {
    }

    /** One row of the matching: 0-based indexes, -1 for the missing side. */
    record Match(int baseline, int candidate) {
    }

    static List<Match> match(Sequence a, Sequence b, int[] keys) {
        if (keys != null) {
            List<Match> keyed = byKey(a, b, keys);
            if (keyed != null) {
                return keyed;
            }
        }
        int n = Math.max(a.size(), b.size());
        List<Match> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Match(i < a.size() ? i : -1, i < b.size() ? i : -1));
        }
        return out;
    }

    private static List<Match> byKey(Sequence a, Sequence b, int[] keys) {
        Map<String, Integer> candidates = index(b, keys);
        if (candidates == null || index(a, keys) == null) {
            return null;
        }
        List<Match> out = new ArrayList<>(Math.max(a.size(), b.size()));
        boolean[] used = new boolean[b.size()];
        for (int i = 0; i < a.size(); i++) {
            Integer j = candidates.get(key(a.get(i), keys));
            if (j != null) {
                used[j] = true;
            }
            out.add(new Match(i, j == null ? -1 : j));
        }
        for (int j = 0; j < b.size(); j++) {
            if (!used[j]) {
                out.add(new Match(-1, j));
            }
        }
        return out;
    }

    /** Key to item index; null when some item has no key or two items share one. */
    private static Map<String, Integer> index(Sequence s, int[] keys) {
        Map<String, Integer> map = new HashMap<>(s.size() * 2);
        for (int i = 0; i < s.size(); i++) {
            String k = key(s.get(i), keys);
            if (k == null || map.put(k, i) != null) {
                return null;
            }
        }
        return map;
    }

    /** The item's key values joined, numbers in canonical form; null if any is missing. */
    static String key(Dataset item, int[] keys) {
        StringBuilder sb = new StringBuilder();
        for (int tag : keys) {
            String[] values = item.getStrings(tag);
            if (values.length == 0) {
                return null;
            }
            VR vr = item.getVR(tag);
            for (String v : values) {
                sb.append(vr == VR.IS || vr == VR.DS ? canonicalNumber(v) : v).append('\\');
            }
            sb.append('\u0001');
        }
        return sb.toString();
    }

    private static String canonicalNumber(String v) {
        try {
            return new BigDecimal(v.trim()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return v.trim();
        }
    }

    /** "BeamNumber=3" for reports of a whole item; "item" without keys. */
    static String describe(Dataset item, int[] keys) {
        if (keys == null) {
            return "(item)";
        }
        StringBuilder sb = new StringBuilder("(item");
        for (int tag : keys) {
            String[] v = item.getStrings(tag);
            sb.append(' ').append(Profile.nameOf(tag)).append('=').append(String.join("\\", v));
        }
        return sb.append(')').toString();
    }
}
