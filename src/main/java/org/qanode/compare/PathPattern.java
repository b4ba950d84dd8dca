package org.qanode.compare;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.qanode.dicom.DictionaryEntry;
import org.qanode.dicom.ElementDictionary;

/**
 * A pattern over {@link TagPath}s, used by profiles to ignore elements, set tolerances and
 * severities. Syntax, step by step after a leading {@code /}:
 * <ul>
 * <li>a keyword ({@code BeamName}) or tag ({@code (300A,00C2)}); a tag may mask nibbles with
 *     {@code x} or {@code g}: {@code (60xx,3000)}, {@code (gggg,0000)}; a repeating-group keyword
 *     such as {@code OverlayData} matches every group of its range;</li>
 * <li>an item number ({@code 3}), or {@code *}: exactly one step, element or item;</li>
 * <li>{@code **}: any number of steps, none included.</li>
 * </ul>
 * A pattern without a leading slash matches at any depth: {@code LeafJawPositions} means
 * {@code /**}{@code /LeafJawPositions}.
 */
public final class PathPattern {
    private static final int ELEMENT = 0;
    private static final int ITEM = 1;
    private static final int ANY_ONE = 2;
    private static final int ANY_MANY = 3;

    private final String text;
    private final int[] kinds;
    /** Tag for ELEMENT steps, item number for ITEM steps (0 = any item). */
    private final int[] values;
    private final int[] masks;

    private PathPattern(String text, int[] kinds, int[] values, int[] masks) {
        this.text = text;
        this.kinds = kinds;
        this.values = values;
        this.masks = masks;
    }

    @JsonCreator
    public static PathPattern parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty path pattern");
        }
        String s = text.trim();
        List<int[]> steps = new ArrayList<>();
        if (!s.startsWith("/")) {
            steps.add(new int[] {ANY_MANY, 0, 0});
        } else {
            s = s.substring(1);
        }
        for (String part : s.split("/", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("empty step in path pattern " + text);
            }
            if (part.equals("**")) {
                steps.add(new int[] {ANY_MANY, 0, 0});
            } else if (part.equals("*")) {
                steps.add(new int[] {ANY_ONE, 0, 0});
            } else if (Character.isDigit(part.charAt(0))) {
                try {
                    steps.add(new int[] {ITEM, Integer.parseInt(part), 0});
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad item number '" + part + "' in " + text, e);
                }
            } else if (part.startsWith("(")) {
                steps.add(maskedTag(part, text));
            } else {
                DictionaryEntry e = ElementDictionary.entryOf(part);
                if (e == null) {
                    throw new IllegalArgumentException("unknown keyword '" + part + "' in " + text);
                }
                steps.add(new int[] {ELEMENT, e.tag(), e.mask()});
            }
        }
        int n = steps.size();
        int[] k = new int[n];
        int[] v = new int[n];
        int[] m = new int[n];
        for (int i = 0; i < n; i++) {
            k[i] = steps.get(i)[0];
            v[i] = steps.get(i)[1];
            m[i] = steps.get(i)[2];
        }
        return new PathPattern(text.trim(), k, v, m);
    }

    /** "(GGGG,EEEE)" where any nibble may be x or g (any value). */
    private static int[] maskedTag(String part, String whole) {
        if (part.length() != 11 || part.charAt(5) != ',' || !part.endsWith(")")) {
            throw new IllegalArgumentException("bad tag '" + part + "' in " + whole);
        }
        String hex = part.substring(1, 5) + part.substring(6, 10);
        int tag = 0;
        int mask = 0;
        for (int i = 0; i < 8; i++) {
            char c = hex.charAt(i);
            tag <<= 4;
            mask <<= 4;
            int d = Character.digit(c, 16);
            if (d >= 0) {
                tag |= d;
                mask |= 0xF;
            } else if (c != 'x' && c != 'X' && c != 'g' && c != 'G') {
                throw new IllegalArgumentException("bad tag '" + part + "' in " + whole);
            }
        }
        return new int[] {ELEMENT, tag, mask};
    }

    /** True for a pattern that is one element at any depth: cheap to index by tag. */
    boolean isAnywhereElement() {
        return kinds.length == 2 && kinds[0] == ANY_MANY && kinds[1] == ELEMENT;
    }

    /** For {@link #isAnywhereElement()} patterns: the tag and its mask. */
    int elementTag() {
        return values[values.length - 1];
    }

    int elementMask() {
        return masks[masks.length - 1];
    }

    public boolean matches(TagPath path) {
        return matches(path.tagArray(), path.itemArray(), path.depth());
    }

    /**
     * Matches a traversal stack: elements {@code tags[0..depth)}, each followed by its item
     * number {@code items[i]} (0 = none, only for the last).
     */
    boolean matches(int[] tags, int[] items, int depth) {
        if (depth == 0) {
            return false;
        }
        int tokens = 2 * depth - (items[depth - 1] == 0 ? 1 : 0);
        // Quick reject on the last step, which decides almost every miss.
        int last = kinds.length - 1;
        if (kinds[last] == ELEMENT) {
            if (items[depth - 1] != 0 || (tags[depth - 1] & masks[last]) != values[last]) {
                return false;
            }
        }
        return match(0, tags, items, 0, tokens);
    }

    private boolean match(int p, int[] tags, int[] items, int t, int tokens) {
        if (p == kinds.length) {
            return t == tokens;
        }
        if (kinds[p] == ANY_MANY) {
            for (int skip = t; skip <= tokens; skip++) {
                if (match(p + 1, tags, items, skip, tokens)) {
                    return true;
                }
            }
            return false;
        }
        if (t == tokens) {
            return false;
        }
        boolean elementToken = (t & 1) == 0;
        switch (kinds[p]) {
            case ANY_ONE -> {
                return match(p + 1, tags, items, t + 1, tokens);
            }
            case ITEM -> {
                return !elementToken && items[t >> 1] == values[p] && match(p + 1, tags, items, t + 1, tokens);
            }
            default -> {
                return elementToken && (tags[t >> 1] & masks[p]) == values[p] && match(p + 1, tags, items, t + 1, tokens);
            }
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
