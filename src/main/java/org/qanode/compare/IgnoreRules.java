package org.qanode.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qanode.dicom.Tag;

/**
 * Decides which elements are never compared. Group lengths (gggg,0000) and the file meta
 * group 0002 are always ignored: they describe an encoding, not content (PS3.5 7.2, PS3.10 7.1).
 * Plain tags are looked up in a sorted array because this runs for every differing element.
 */
final class IgnoreRules {
    private final int[] exactTags;
    private final List<PathPattern> maskedAnywhere;
    private final List<PathPattern> paths;
    private final boolean ignorePrivate;

    IgnoreRules(List<String> patterns, boolean ignorePrivate) {
        List<Integer> exact = new ArrayList<>();
        List<PathPattern> masked = new ArrayList<>();
        List<PathPattern> other = new ArrayList<>();
        for (String text : patterns) {
            PathPattern p = PathPattern.parse(text);
            if (p.isAnywhereElement() && p.elementMask() == -1) {
                exact.add(p.elementTag());
            } else if (p.isAnywhereElement()) {
                masked.add(p);
            } else {
                other.add(p);
            }
        }
        this.exactTags = exact.stream().mapToInt(Integer::intValue).sorted().toArray();
        this.maskedAnywhere = List.copyOf(masked);
        this.paths = List.copyOf(other);
        this.ignorePrivate = ignorePrivate;
    }

    /** True when the element at the top of the stack ({@code tags[depth-1]}) is not compared. */
    boolean ignores(int[] tags, int[] items, int depth) {
        int tag = tags[depth - 1];
        if (Tag.isGroupLength(tag) || Tag.group(tag) == 0x0002) {
            return true;
        }
        if (ignorePrivate && Tag.isPrivate(tag)) {
            return true;
        }
        if (Arrays.binarySearch(exactTags, tag) >= 0) {
            return true;
        }
        for (PathPattern p : maskedAnywhere) {
            if ((tag & p.elementMask()) == p.elementTag()) {
                return true;
            }
        }
        for (PathPattern p : paths) {
            if (p.matches(tags, items, depth)) {
                return true;
            }
        }
        return false;
    }

    boolean ignoresPrivate() {
        return ignorePrivate;
    }
}
