package org.qanode.ui;

import org.qanode.compare.PairResult;
import org.qanode.compare.PairStatus;
import org.qanode.compare.Severity;
import org.qanode.node.ComparisonRecord;
import org.qanode.result.ComparisonResult;

/**
 * What a comparison's page opens with (ARCHITECTURE.md, "Web UI and sign-off"): IDENTICAL when
 * every pair is IDENTICAL, else DIFFERENT; severity the worst of the pairs, NONE when identical
 * or when the profile rates nothing. Computed here until the result JSON carries it.
 */
record Verdict(String verdict, String severity) {
    static final String IDENTICAL = "IDENTICAL";
    static final String DIFFERENT = "DIFFERENT";
    static final String NONE = "NONE";

    static Verdict of(ComparisonResult r) {
        boolean identical = true;
        Severity worst = null;
        for (PairResult p : r.pairs()) {
            if (p.status() != PairStatus.IDENTICAL) {
                identical = false;
            }
            worst = Severity.max(worst, p.severity());
        }
        return new Verdict(identical ? IDENTICAL : DIFFERENT, identical || worst == null ? NONE : worst.name());
    }

    /** From a DONE comparison's row (its counts), without reading the result; null before DONE. */
    static Verdict of(ComparisonRecord row) {
        if (!ComparisonRecord.DONE.equals(row.status()) || row.pairs() == null) {
            return null;
        }
        boolean identical = row.identical() != null && row.identical().intValue() == row.pairs().intValue();
        return new Verdict(identical ? IDENTICAL : DIFFERENT, identical || row.severity() == null ? NONE : row.severity());
    }
}
