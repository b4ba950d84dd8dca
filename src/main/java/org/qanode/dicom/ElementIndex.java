package org.qanode.dicom;

import java.io.IOException;
import java.io.InputStream;
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

    /**
     * Built on every start of the CLI, so written for the interpreter: plain loops, no streams or
     * comparator lambdas (their first use in a JVM costs more than the loops themselves).
     */
    private ElementIndex(List<DictionaryEntry> entries) {
        all = List.copyOf(entries);
        List<DictionaryEntry> exact = new ArrayList<>(entries.size());
        List<DictionaryEntry> maskedList = new ArrayList<>();
        byKeyword = new HashMap<>(entries.size() * 2);
        for (DictionaryEntry e : entries) {
            (e.isMasked() ? maskedList : exact).add(e);
            if (byKeyword.put(e.keyword(), e) != null) {
                throw new IllegalStateException("duplicate keyword in dictionary: " + e.keyword());
            }
        }
        exactEntries = exact.toArray(new DictionaryEntry[0]);
        // The generator writes tag order, so this is normally one pass that finds nothing to do.
        if (!sortedByTag(exactEntries)) {
            Arrays.sort(exactEntries, BY_TAG);
        }
        exactTags = new int[exactEntries.length];
        exactImplicitVrs = new VR[exactEntries.length];
        for (int i = 0; i < exactEntries.length; i++) {
            exactTags[i] = exactEntries[i].tag();
            exactImplicitVrs[i] = implicitVrOf(exactEntries[i]);
        }
        // (0028,04x0) must win over a broader mask should one ever overlap it.
        masked = maskedList.toArray(new DictionaryEntry[0]);
        Arrays.sort(masked, MOST_SPECIFIC_FIRST);
        maskedImplicitVrs = new VR[masked.length];
        for (int i = 0; i < masked.length; i++) {
            maskedImplicitVrs[i] = implicitVrOf(masked[i]);
        }
        Map<String, Integer> keywordTags = new HashMap<>();
        for (DictionaryEntry e : masked) {
            keywordTags.put(e.keyword(), firstTagOf(e));
        }
        maskedKeywordTags = Map.copyOf(keywordTags);
    }

    private static final Comparator<DictionaryEntry> BY_TAG = new Comparator<>() {
        @Override
        public int compare(DictionaryEntry a, DictionaryEntry b) {
            return Integer.compare(a.tag(), b.tag());
        }
    };

    /** More significant bits first, then by tag. */
    private static final Comparator<DictionaryEntry> MOST_SPECIFIC_FIRST = new Comparator<>() {
        @Override
        public int compare(DictionaryEntry a, DictionaryEntry b) {
            int bits = Integer.compare(Integer.bitCount(b.mask()), Integer.bitCount(a.mask()));
            return bits != 0 ? bits : Integer.compare(a.tag(), b.tag());
        }
    };

    private static boolean sortedByTag(DictionaryEntry[] entries) {
        for (int i = 1; i < entries.length; i++) {
            if (entries[i - 1].tag() >= entries[i].tag()) {
                return false;
            }
        }
        return true;
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

    /**
     * Reads the generated TSV. It is parsed from its bytes (fields found by scanning for tab and
     * newline, strings made from byte ranges) rather than with a Reader and String.split, which
     * made loading the dictionary a visible part of every CLI start.
     */
    static ElementIndex load(String resource) {
        byte[] b;
        try (InputStream in = ElementIndex.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource org/qanode/dicom/" + resource + " missing from the class path");
            }
            b = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
        List<DictionaryEntry> entries = new ArrayList<>(5000);
        // VMs repeat ("1", "1-n", ...): one String each.
        Map<String, String> vms = new HashMap<>();
        int[] fieldStart = new int[7];
        int number = 0;
        int pos = 0;
        while (pos < b.length) {
            int eol = pos;
            while (eol < b.length && b[eol] != '\n') {
                eol++;
            }
            number++;
            // As BufferedReader.readLine did: a checkout with CRLF line ends reads the same.
            int end = eol > pos && b[eol - 1] == '\r' ? eol - 1 : eol;
            if (end > pos && b[pos] != '#') {
                entries.add(parse(b, pos, end, fieldStart, vms, resource, number));
            }
            pos = eol + 1;
        }
        return new ElementIndex(entries);
    }

    /**
     * One line, bytes [from, to): tag pattern, keyword, name, VRs joined by '|', VM, "retired" or "".
     * {@code fieldStart} is scratch space for the six field offsets plus the end.
     */
    private static DictionaryEntry parse(byte[] b, int from, int to, int[] fieldStart, Map<String, String> vms,
                                         String resource, int number) {
        int fields = 0;
        fieldStart[fields++] = from;
        for (int i = from; i < to; i++) {
            if (b[i] == '\t') {
                if (fields == 6) {
                    throw new IllegalStateException(resource + ":" + number + ": malformed line");
                }
                fieldStart[fields++] = i + 1;
            }
        }
        if (fields != 6 || fieldStart[1] - 1 - from != 8) {
            throw new IllegalStateException(resource + ":" + number + ": malformed line");
        }
        fieldStart[6] = to + 1;
        int tag = 0;
        int mask = 0;
        for (int i = from; i < from + 8; i++) {
            int c = b[i];
            int nibble = c == 'x' ? 0 : Character.digit(c, 16);
            if (nibble < 0) {
                throw new IllegalStateException(resource + ":" + number + ": bad tag " + text(b, from, from + 8));
            }
            tag = (tag << 4) | nibble;
            mask = (mask << 4) | (c == 'x' ? 0 : 0xF);
        }
        List<VR> vrs = vrs(b, fieldStart[3], fieldStart[4] - 1, resource, number);
        String vm = text(b, fieldStart[4], fieldStart[5] - 1);
        String shared = vms.putIfAbsent(vm, vm);
        boolean retired = isRetired(b, fieldStart[5], fieldStart[6] - 1);
        return new DictionaryEntry(tag, mask, text(b, fieldStart[1], fieldStart[2] - 1),
                text(b, fieldStart[2], fieldStart[3] - 1), vrs, shared != null ? shared : vm, retired);
    }

    /** VR names joined by '|' in bytes [from, to); empty for items and delimiters. */
    private static List<VR> vrs(byte[] b, int from, int to, String resource, int number) {
        if (from == to) {
            return List.of();
        }
        List<VR> vrs = new ArrayList<>(2);
        for (int i = from; i <= to; i += 3) {
            VR vr = i + 2 <= to && (i + 2 == to || b[i + 2] == '|') ? VR.ofCode((b[i] << 8) | b[i + 1]) : null;
            if (vr == null) {
                int end = i;
                while (end < to && b[end] != '|') {
                    end++;
                }
                throw new IllegalStateException(resource + ":" + number + ": unknown VR " + text(b, i, end));
            }
            vrs.add(vr);
        }
        return vrs;
    }

    private static boolean isRetired(byte[] b, int from, int to) {
        return to - from == 7 && text(b, from, to).equals("retired");
    }

    /** The generator writes UTF-8; nearly every field is ASCII, which Latin-1 copies without decoding. */
    private static String text(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return new String(b, from, to - from, StandardCharsets.UTF_8);
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
