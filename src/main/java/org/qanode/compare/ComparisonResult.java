package org.qanode.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.qanode.rt.RtSummary;

/**
 * A comparison of two states, serialised by Jackson exactly as ARCHITECTURE.md shows.
 * Additions: {@code error} (FAILED only), {@code warnings} (run-level, e.g. duplicate SOP
 * Instance UIDs in one state), both left out when empty; {@code rtSummary}, the clinical view of
 * the RT plans and records (docs/rt-summary.md), left out when switched off. Times are ISO-8601
 * UTC strings.
 *
 * @param status QUEUED, RUNNING, DONE or FAILED
 */
@JsonPropertyOrder({"id", "status", "error", "baseline", "candidate", "profile", "startedAt", "finishedAt",
        "summary", "warnings", "rtSummary", "pairs"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComparisonResult(
        String id,
        String status,
        String error,
        String baseline,
        String candidate,
        String profile,
        String startedAt,
        String finishedAt,
        Summary summary,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings,
        RtSummary rtSummary,
        List<PairResult> pairs) {

    public ComparisonResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }

    /** A result without an RT summary. */
    public ComparisonResult(String id, String status, String error, String baseline, String candidate, String profile,
                            String startedAt, String finishedAt, Summary summary, List<String> warnings,
                            List<PairResult> pairs) {
        this(id, status, error, baseline, candidate, profile, startedAt, finishedAt, summary, warnings, null, pairs);
    }

    /** True when every object has an identical counterpart. */
    public boolean noDifferences() {
        return summary != null && summary.allIdentical();
    }
}
