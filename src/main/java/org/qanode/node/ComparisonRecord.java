package org.qanode.node;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A comparison's row in the index: what listing and status queries need without opening the
 * result file. Times are ISO-8601 UTC strings, as in the result itself.
 *
 * @param status   QUEUED, RUNNING, DONE or FAILED
 * @param severity worst pair severity of a DONE comparison, NONE when every pair is identical
 */
@JsonPropertyOrder({"id", "status", "error", "baseline", "candidate", "profile", "createdAt", "startedAt", "finishedAt",
        "pairs", "identical", "different", "onlyInBaseline", "onlyInCandidate", "unreadable", "severity"})
public record ComparisonRecord(String id, String status, String error, String baseline, String candidate, String profile,
        String createdAt, String startedAt, String finishedAt, Integer pairs, Integer identical, Integer different,
        Integer onlyInBaseline, Integer onlyInCandidate, Integer unreadable, String severity) {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
}
