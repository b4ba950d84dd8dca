package org.qanode.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which sweep states to delete: all but the newest {@code keep} ("sweep-YYYY-MM-DD" names sort
 * by date), never one in {@code protect} (tonight's, its baseline) nor one a pending
 * comparison still reads ({@code inUse}).
 */
final class Retention {
    private Retention() {
    }

    static List<String> toDelete(List<String> sweepStates, int keep, Set<String> protect, Predicate<String> inUse) {
        List<String> sorted = new ArrayList<>(sweepStates);
        sorted.sort(null);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sorted.size() - keep; i++) {
            String s = sorted.get(i);
            if (!protect.contains(s) && !inUse.test(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
