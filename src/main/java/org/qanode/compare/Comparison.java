package org.qanode.compare;

import java.util.List;

/**
 * What the comparator found between two sides: every pair, the counts, and run-level warnings
 * (e.g. duplicate SOP Instance UIDs in one side). The result the node keeps and serves
 * ({@code result.ComparisonResult}) adds its id, status and the RT summary.
 *
 * @param startedAt  ISO-8601 UTC
 * @param finishedAt ISO-8601 UTC
 */
public record Comparison(String baseline, String candidate, String profile, String startedAt, String finishedAt,
        Summary summary, List<String> warnings, List<PairResult> pairs) {

    public Comparison {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }
}
