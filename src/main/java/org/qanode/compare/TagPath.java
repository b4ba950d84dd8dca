package org.qanode.compare;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import org.qanode.dicom.ElementDictionary;
import org.qanode.dicom.Tag;

/**
 * The location of an element or sequence item inside a data set, in the one text form of
 * ARCHITECTURE.md: {@code /BeamSequence/3/ControlPointSequence/57/GantryAngle}. Elements are
 * written by PS3.6 keyword, private and unknown ones as {@code (GGGG,EEEE)}; item numbers are
 * 1-based. A path ends either in an element or in an item number (a whole item).
 *
 * <p>Immutable; {@link #parse(String)} and {@link #toString()} round-trip.
 */
public final class TagPath {
    /** The empty path: the data set itself. */
    public static final TagPath ROOT = new TagPath(new int[0], new int[0]);

    /** {@code tags[i]} is the i-th element; {@code items[i]} the 1-based item after it, 0 if none. */
    private final int[] tags;
    private final int[] items;

    private TagPath(int[] tags, int[] items) {
        this.tags = tags;
        this.items = items;
    }

    /** Builds a path from a traversal stack: {@code items[i] == 0} only allowed for the last element. */
    static TagPath of(int[] tags, int[] items, int depth) {
        return new TagPath(Arrays.copyOf(tags, depth), Arrays.copyOf(items, depth));
    }

    public static TagPath ofElement(int tag) {
        return new TagPath(new int[] {tag}, new int[] {0});
    }

    /** This path (which must end in an item) followed by an element. */
    public TagPath child(int tag) {
        if (tags.length > 0 && items[tags.length - 1] == 0) {
            throw new IllegalStateException(this + " ends in an element, not an item");
        }
        int n = tags.length;
        int[] t = Arrays.copyOf(tags, n + 1);
        int[] i = Arrays.copyOf(items, n + 1);
        t[n] = tag;
        return new TagPath(t, i);
    }

    /** This path (which must end in a sequence element) followed by its 1-based item number. */
    public TagPath item(int number) {
        if (tags.length == 0 || items[tags.length - 1] != 0) {
            throw new IllegalStateException(this + " does not end in an element");
        }
        if (number < 1) {
            throw new IllegalArgumentException("item numbers are 1-based: " + number);
        }
        int[] i = items.clone();
        i[i.length - 1] = number;
        return new TagPath(tags, i);
    }

    /** Number of elements on the path. */
    public int depth() {
        return tags.length;
    }

    public int tagAt(int level) {
        return tags[level];
    }

    /** The 1-based item number after the element at {@code level}, or 0. */
    public int itemAt(int level) {
        return items[level];
    }

    /** The tags of the path, outermost first (a copy). */
    public int[] tagArray() {
        return tags.clone();
    }

    /** The item numbers of the path (0 after the last element), outermost first (a copy). */
    public int[] itemArray() {
        return items.clone();
    }

    /** True when the path names a whole sequence item rather than an element. */
    public boolean endsInItem() {
        return tags.length > 0 && items[tags.length - 1] != 0;
    }

    /** The last element's tag (the sequence's, for an item path); -1 for the root. */
    public int lastTag() {
        return tags.length == 0 ? -1 : tags[tags.length - 1];
    }

    /**
     * Parses the text form. A bare keyword or tag without leading slash is read as a
     * top-level element, so profiles may write {@code PatientID} for {@code /PatientID}.
     */
    @JsonCreator
    public static TagPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty tag path");
        }
        String s = text.trim();
        if (s.equals("/")) {
            return ROOT;
        }
        if (s.startsWith("/")) {
            s = s.substring(1);
        }
        String[] parts = s.split("/", -1);
        int[] t = new int[parts.length];
        int[] it = new int[parts.length];
        int n = 0;
        for (String part : parts) {
            if (!part.isEmpty() && Character.isDigit(part.charAt(0))) {
                if (n == 0 || it[n - 1] != 0) {
                    throw new IllegalArgumentException("item number without a sequence in " + text);
                }
                int number;
                try {
                    number = Integer.parseInt(part);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad item number '" + part + "' in " + text, e);
                }
                if (number < 1) {
                    throw new IllegalArgumentException("item numbers are 1-based, got " + part + " in " + text);
                }
                it[n - 1] = number;
            } else {
                if (n > 0 && it[n - 1] == 0) {
                    throw new IllegalArgumentException("element " + part + " follows an element without an item number in " + text);
                }
                t[n++] = parseTag(part, text);
            }
        }
        return new TagPath(Arrays.copyOf(t, n), Arrays.copyOf(it, n));
    }

    static int parseTag(String part, String whole) {
        if (part.startsWith("(")) {
            try {
                return Tag.parse(part);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad tag '" + part + "' in " + whole, e);
            }
        }
        int tag = ElementDictionary.tagOf(part);
        if (tag == -1) {
            throw new IllegalArgumentException("unknown keyword '" + part + "' in " + whole);
        }
        return tag;
    }

    /** The keyword when the dictionary names exactly this tag, else {@code (GGGG,EEEE)}. */
    static String elementName(int tag) {
        String keyword = ElementDictionary.keywordOf(tag);
        // A repeating-group keyword (OverlayData) names (6000,3000) only; (6002,3000) needs the hex form to round-trip.
        if (!keyword.isEmpty() && ElementDictionary.tagOf(keyword) == tag) {
            return keyword;
        }
        return Tag.toString(tag);
    }

    @JsonValue
    @Override
    public String toString() {
        if (tags.length == 0) {
            return "/";
        }
        StringBuilder sb = new StringBuilder(tags.length * 24);
        for (int i = 0; i < tags.length; i++) {
            sb.append('/').append(elementName(tags[i]));
            if (items[i] != 0) {
                sb.append('/').append(items[i]);
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagPath p && Arrays.equals(tags, p.tags) && Arrays.equals(items, p.items);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tags) + Arrays.hashCode(items);
    }
}
