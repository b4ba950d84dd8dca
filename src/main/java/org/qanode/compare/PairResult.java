package org.qanode.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One entry of {@code pairs}: a baseline object, a candidate object, or both.
 * Additions to the ARCHITECTURE.md fields (left out of the JSON when null or empty):
 * {@code baselineObject}/{@code candidateObject} (the source's object ids, e.g. relative file
 * paths), {@code severity} (the profile's verdict; absent for IDENTICAL), {@code reason}
 * (why an UNREADABLE object could not be read) and {@code warnings}.
 */
@JsonPropertyOrder({"sopInstanceUid", "sopClassUid", "sopClassName", "patientId", "status", "pairedBy",
        "severity", "baselineObject", "candidateObject", "reason", "warnings", "differences"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PairResult(
        String sopInstanceUid,
        String sopClassUid,
        String sopClassName,
        String patientId,
        PairStatus status,
        String pairedBy,
        Severity severity,
        String baselineObject,
        String candidateObject,
        String reason,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Difference> differences) {

    public PairResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        differences = differences == null ? List.of() : List.copyOf(differences);
    }
}
