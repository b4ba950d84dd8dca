package org.qanode.result;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.qanode.compare.Comparison;
import org.qanode.compare.DicomComparator;
import org.qanode.compare.ObjectSource;
import org.qanode.compare.PairObserver;
import org.qanode.compare.Profile;
import org.qanode.compare.ProgressListener;
import org.qanode.rt.RtSummaryCollector;

/**
 * Runs a comparison and builds the RT summary beside it, from the data sets the comparator
 * reads anyway, then joins both into the result the node keeps and serves. The comparator knows
 * nothing of the RT summary; this is where they meet (ARCHITECTURE.md, "Seams").
 */
public final class ComparisonRunner {
    private final DicomComparator comparator;
    private final boolean rtSummary;
    private final Profile profile;

    public ComparisonRunner(Profile profile) {
        this(profile, Runtime.getRuntime().availableProcessors(), true);
    }

    public ComparisonRunner(Profile profile, int threads) {
        this(profile, threads, true);
    }

    /** @param rtSummary false leaves {@code rtSummary} out of the result (and its cost out of the run) */
    public ComparisonRunner(Profile profile, int threads, boolean rtSummary) {
        this.comparator = new DicomComparator(profile, threads);
        this.profile = profile;
        this.rtSummary = rtSummary;
    }

    public ComparisonResult compare(ObjectSource baseline, ObjectSource candidate) throws IOException {
        return compare(baseline, candidate, ProgressListener.NONE);
    }

    /**
     * IOException only when a side cannot be listed at all; an object that cannot be read is an
     * UNREADABLE pair, and an RT summary that fails for one object lists it as unplaced.
     */
    public ComparisonResult compare(ObjectSource baseline, ObjectSource candidate, ProgressListener progress)
            throws IOException {
        // The clinical flags are found in the same summaries: collected when either is wanted.
        boolean flags = !profile.clinicalFlags().isEmpty();
        RtSummaryCollector rt = rtSummary || flags ? new RtSummaryCollector(true) : null;
        PairObserver observer = rt == null ? PairObserver.NONE : (r, a, b) -> {
            try {
                rt.pair(r.sopInstanceUid(), r.sopClassUid(), a, b, r.status());
            } catch (RuntimeException e) {
                String what = r.sopInstanceUid() != null ? r.sopInstanceUid()
                        : r.baselineObject() != null ? r.baselineObject() : r.candidateObject();
                rt.unreadable(what + " (RT summary failed: " + message(e) + ")");
            }
        };
        Comparison c = comparator.compare(baseline, candidate, progress, observer);
        return ComparisonResult.done(UUID.randomUUID().toString(), c, rtSummary ? rt.build() : null,
                flags ? rt.flags(profile.clinicalFlags(), profile.partialFractionTolerance()) : List.of());
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
