package org.qanode.compare;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tag;

/**
 * Private elements are identified by their private creator and their offset in its block, not by
 * the block number (PS3.5 7.8.1): a writer may reserve block (gggg,0011) where another wrote
 * (gggg,0010), and the same creator's (gggg,1001) then is (gggg,1101). This aligns the candidate's
 * private blocks with the baseline's so that the diff walk meets equal elements:
 * <ul>
 * <li>the k-th block of creator C in group g of the candidate takes the number of the k-th
 *     block of C in g of the baseline (creators compare after trimming spaces and NULs);</li>
 * <li>a candidate block whose creator the baseline lacks keeps its number when the baseline has
 *     no creator there, and otherwise moves out of the way (after every baseline element), so
 *     elements of different creators are never compared with each other;</li>
 * <li>private data elements without a creator (and every other element) keep their tags, so
 *     elements of unknown or missing creators are still compared, by tag.</li>
 * </ul>
 * Walk keys are {@code unsigned tag << 12}; blocks moved out of the way get keys between
 * {@code (gggg,FFFF)} and the next group, which no baseline element has.
 */
final class PrivateBlocks {
    private PrivateBlocks() {
    }

    /** The candidate's elements in walk order with their keys. */
    record Keys(long[] keys, int[] indexes) {
        int size() {
            return keys.length;
        }

        long key(int k) {
            return keys[k];
        }

        int index(int k) {
            return indexes[k];
        }
    }

    static long keyOf(int tag) {
        return (tag & 0xFFFFFFFFL) << 12;
    }

    /**
     * Null when walking by tag is right (no private block moved); else the candidate's
     * elements re-keyed onto the baseline's block numbers and sorted by key.
     */
    static Keys candidateKeys(Dataset a, Dataset b) {
        if (!hasCreators(b) || !hasCreators(a)) {
            return null;
        }
        Map<String, Integer> blocksA = creators(a);
        Set<Integer> occupiedA = new HashSet<>();
        for (int v : blocksA.values()) {
            occupiedA.add(v);
        }
        // candidate (group << 8 | block) -> baseline block number, or -1: moved out of the way
        Map<Integer, Integer> moved = new HashMap<>();
        boolean any = false;
        Map<String, Integer> blocksB = creators(b);
        for (Map.Entry<String, Integer> e : blocksB.entrySet()) {
            int gbB = e.getValue();
            Integer gbA = blocksA.get(e.getKey());
            if (gbA != null) {
                if (gbA != gbB) {
                    moved.put(gbB, gbA & 0xFF);
                    any = true;
                }
            } else if (occupiedA.contains(gbB)) {
                moved.put(gbB, -1);
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        int n = b.size();
        long[] keys = new long[n];
        Integer[] order = new Integer[n];
        int outOfWay = 0;
        for (int j = 0; j < n; j++) {
            int tag = b.tagAt(j);
            long key = keyOf(tag);
            if (Tag.isPrivate(tag)) {
                int group = Tag.group(tag);
                int element = Tag.element(tag);
                int block = Tag.isPrivateCreator(tag) ? element : element >= 0x1000 ? element >> 8 : -1;
                Integer to = block < 0 ? null : moved.get(group << 8 | block);
                if (to != null && to >= 0) {
                    int newTag = Tag.isPrivateCreator(tag) ? (group << 16 | to) : (group << 16 | to << 8 | (element & 0xFF));
                    key = keyOf(newTag);
                } else if (to != null) {
                    // after (gggg,FFFF) of its group, before the next group: no baseline element has such a key
                    key = keyOf(group << 16 | 0xFFFF) + 1 + Math.min(outOfWay++, 4094);
                }
            }
            keys[j] = key;
            order[j] = j;
        }
        Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
        long[] sortedKeys = new long[n];
        int[] indexes = new int[n];
        for (int k = 0; k < n; k++) {
            indexes[k] = order[k];
            sortedKeys[k] = keys[order[k]];
        }
        return new Keys(sortedKeys, indexes);
    }

    private static boolean hasCreators(Dataset ds) {
        for (int i = 0, n = ds.size(); i < n; i++) {
            if (Tag.isPrivateCreator(ds.tagAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** "group/creator/k" (k-th block of that creator in the group) -> (group << 8 | block). */
    private static Map<String, Integer> creators(Dataset ds) {
        Map<String, Integer> out = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0, n = ds.size(); i < n; i++) {
            int tag = ds.tagAt(i);
            if (!Tag.isPrivateCreator(tag)) {
                continue;
            }
            String id = Integer.toHexString(Tag.group(tag)) + '/' + creator(ds.valueAt(i));
            int k = seen.merge(id, 1, Integer::sum);
            out.put(id + '/' + k, Tag.group(tag) << 8 | Tag.element(tag));
        }
        return out;
    }

    /** The creator's text: bytes as ISO 8859-1 without surrounding spaces and NUL padding. */
    static String creator(Object value) {
        if (!(value instanceof byte[] bytes)) {
            return String.valueOf(value);
        }
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int start = 0;
        int end = s.length();
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start, end);
    }
}
