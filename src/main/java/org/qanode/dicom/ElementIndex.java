package org.qanode.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable lookup structure behind {@link ElementDictionary}: exact tags in a sorted int array
 * (binary search, no boxing), the few masked entries scanned most specific first.
 */
final class ElementIndex {
    private final int[] exactTags;
    private final DictionaryEntry[] exactEntries;
    private final VR[] exactImplicitVrs;
    private final DictionaryEntry[] masked;
    private final VR[] maskedImplicitVrs;
    private final Map<String, DictionaryEntry> byKeyword;
    private final Map<String, Integer> maskedKeywordTags;
    private final List<DictionaryEntry> all;

    private ElementIndex(List<DictionaryEntry> entries) {
        all = List.copyOf(entries);
        List<DictionaryEntry> exact = new ArrayList<>();
        List<DictionaryEntry> maskedList = new ArrayList<>();
        byKeyword = new HashMap<>(entries.size() * 2);
        for (DictionaryEntry e : entries) {
            (e.isMasked() ? maskedList : exact).add(e);
            if (byKeyword.put(e.keyword(), e) != null) {
                throw new IllegalStateException("duplicate keyword in dictionary: " + e.keyword());
            }
        }
        exact.sort(Comparator.comparingInt(DictionaryEntry::tag));
        exactTags = exact.stream().mapToInt(DictionaryEntry::tag).toArray();
        exactEntries = exact.toArray(DictionaryEntry[]::new);
        exactImplicitVrs = exact.stream().map(ElementIndex::implicitVrOf).toArray(VR[]::new);
        // (0028,04x0) must win over a broader mask should one ever overlap it.
        maskedList.sort(Comparator.comparingInt((DictionaryEntry e) -> -Integer.bitCount(e.mask()))
                .thenComparingInt(DictionaryEntry::tag));
        masked = maskedList.toArray(DictionaryEntry[]::new);
        maskedImplicitVrs = maskedList.stream().map(ElementIndex::implicitVrOf).toArray(VR[]::new);
        Map<String, Integer> keywordTags = new HashMap<>();
        for (DictionaryEntry e : maskedList) {
            keywordTags.put(e.keyword(), firstTagOf(e));
        }
        maskedKeywordTags = Map.copyOf(keywordTags);
    }

    /**
     * The lowest tag that looks up to a masked entry: its base tag (60003000 for 60xx3000)
     * unless an exact element or group length owns that, as (0028,0400) Transform Label owns
     * the base of (0028,04x0) Rows For Nth Order Coefficients, which then gives 00280410.
     */
    private int firstTagOf(DictionaryEntry e) {
        int free = ~e.mask();
        int offset = 0;
        do {
            int candidate = e.tag() | offset;
            if (find(candidate) == e) {
                return candidate;
            }
            offset = ((offset | ~free) + 1) & free;
        } while (offset != 0);
        throw new IllegalStateException("masked entry " + e.tagPattern() + " is shadowed everywhere");
    }

    DictionaryEntry find(int tag) {
        int i = Arrays.binarySearch(exactTags, tag);
        if (i >= 0) {
            return exactEntries[i];
        }
        int m = findMasked(tag);
        return m < 0 ? null : masked[m];
    }

    VR implicitVr(int tag) {
        int i = Arrays.binarySearch(exactTags, tag);
        if (i >= 0) {
            return exactImplicitVrs[i];
        }
        int m = findMasked(tag);
        return m < 0 ? VR.UN : maskedImplicitVrs[m];
    }

    DictionaryEntry byKeyword(String keyword) {
        return keyword == null ? null : byKeyword.get(keyword);
    }

    int tagOf(String keyword) {
        DictionaryEntry e = byKeyword(keyword);
        if (e == null) {
            return -1;
        }
        return e.isMasked() ? maskedKeywordTags.get(keyword) : e.tag();
    }

    List<DictionaryEntry> all() {
        return all;
    }

    /** Group lengths (gggg,0000) are never a repeating element, though (1010,xxxx) spans them (PS3.5 7.2). */
    private int findMasked(int tag) {
        if (Tag.isGroupLength(tag)) {
            return -1;
        }
        for (int i = 0; i < masked.length; i++) {
            if (masked[i].matches(tag)) {
                return i;
            }
        }
        return -1;
    }

    /** See {@link ElementDictionary#vrOf(int)} for why multi-VR entries resolve as they do. */
    static VR implicitVrOf(DictionaryEntry e) {
        List<VR> vrs = e.vrs();
        if (vrs.isEmpty()) {
            return VR.UN;
        }
        if (vrs.size() > 1 && vrs.contains(VR.OW)) {
            return VR.OW;
        }
        if (vrs.size() > 1 && vrs.contains(VR.US)) {
            return VR.US;
        }
        return vrs.get(0);
    }

    static ElementIndex load(String resource) {
        try (InputStream in = ElementIndex.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource org/qanode/dicom/" + resource + " missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<DictionaryEntry> entries = new ArrayList<>(5000);
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isEmpty() && line.charAt(0) != '#') {
                    entries.add(parse(line, resource, number));
                }
            }
            return new ElementIndex(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    /** One line: tag pattern, keyword, name, VRs joined by '|', VM, "retired" or "". */
    static DictionaryEntry parse(String line, String resource, int number) {
        String[] f = line.split("\t", -1);
        if (f.length != 6 || f[0].length() != 8) {
            throw new IllegalStateException(resource + ":" + number + ": malformed line");
        }
        int tag = 0;
        int mask = 0;
        for (int i = 0; i < 8; i++) {
            char c = f[0].charAt(i);
            int nibble = c == 'x' ? 0 : Character.digit(c, 16);
            if (nibble < 0) {
                throw new IllegalStateException(resource + ":" + number + ": bad tag " + f[0]);
            }
            tag = (tag << 4) | nibble;
            mask = (mask << 4) | (c == 'x' ? 0 : 0xF);
        }
        List<VR> vrs = new ArrayList<>(2);
        if (!f[3].isEmpty()) {
            for (String name : f[3].split("\\|")) {
                VR vr = VR.ofName(name);
                if (vr == null) {
                    throw new IllegalStateException(resource + ":" + number + ": unknown VR " + name);
                }
                vrs.add(vr);
            }
        }
        return new DictionaryEntry(tag, mask, f[1], f[2], vrs, f[4], f[5].equals("retired"));
    }
}
