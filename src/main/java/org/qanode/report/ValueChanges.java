package org.qanode.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.qanode.compare.Difference;
import org.qanode.compare.DifferenceKind;
import org.qanode.dicom.Tags;

/**
 * What changed inside a multi-valued numeric element: the index and both values of each value that
 * differs, instead of every value twice. Leaf/Jaw Positions (300A,011C) are named by bank and
 * leaf from the number of values (PS3.3 C.8.8.14.6: bank A's positions first, then bank B's, so a
 * device of N leaf pairs has 2N values): "leaf B31: 12.30 -> 12.40 mm". Other elements by 1-based
 * value number, as in PS3.5 6.4 ("value 2: ...").
 */
public final class ValueChanges {
    /** Changed values listed per element; the rest is counted. */
    static final int LISTED = 12;
    private static final Set<String> NUMERIC = Set.of("DS", "IS", "FL", "FD", "SL", "SS", "UL", "US", "SV", "UV");

    private ValueChanges() {
    }

    /** The changed values, one line each; empty when the difference is not of that kind. */
    public static List<String> of(Difference d) {
        if (d.kind() != DifferenceKind.CHANGED || d.baseline() == null || d.candidate() == null || !NUMERIC.contains(d.vr())) {
            return List.of();
        }
        String[] a = d.baseline().split("\\\\", -1);
        String[] b = d.candidate().split("\\\\", -1);
        if (a.length < 2 || a.length != b.length) {
            return List.of();
        }
        boolean leaves = d.path().depth() > 0 && d.path().lastTag() == Tags.LeafJawPositions && a.length % 2 == 0;
        List<String> out = new ArrayList<>();
        int changed = 0;
        for (int i = 0; i < a.length; i++) {
            Double x = number(a[i]);
            Double y = number(b[i]);
            boolean same = x != null && y != null ? x.doubleValue() == y.doubleValue() : a[i].trim().equals(b[i].trim());
            if (same) {
                continue;
            }
            if (++changed > LISTED) {
                continue;
            }
            if (leaves && x != null && y != null) {
                String[] v = RtUnit.MM.pair(x, y);
                out.add(leafName(i, a.length / 2) + ": " + v[0] + " -> " + v[1] + " mm");
            } else {
                out.add("value " + (i + 1) + ": " + a[i].trim() + " -> " + b[i].trim());
            }
        }
        if (changed > LISTED) {
            out.add("and " + (changed - LISTED) + " more of " + a.length + " values");
        }
        return out;
    }

    /** "leaf B31" for a leaf of an MLC, "jaw B" for a pair of jaws (one leaf pair). */
    static String leafName(int index, int pairs) {
        String bank = index < pairs ? "A" : "B";
        return pairs == 1 ? "jaw " + bank : "leaf " + bank + (index % pairs + 1);
    }

    private static Double number(String s) {
        try {
            return Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
