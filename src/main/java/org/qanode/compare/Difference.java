package org.qanode.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One element (or whole sequence item) that differs. Values are the decoded text forms,
 * several values backslash-joined; binary values are {@code sha256:<hex>} with their byte
 * length in {@code baselineLength}/{@code candidateLength}. The missing side of an ADDED or
 * REMOVED difference is {@code null} and is written as JSON null, never left out.
 *
 * @param tag  "GGGGEEEE" of the element (of the sequence for an item path)
 * @param vr   the VR, baseline side first ("SQ" for an item)
 */
@JsonPropertyOrder({"path", "tag", "vr", "kind", "baseline", "candidate", "baselineLength", "candidateLength", "severity"})
public record Difference(
        TagPath path,
        String tag,
        String vr,
        DifferenceKind kind,
        @JsonInclude(JsonInclude.Include.ALWAYS) String baseline,
        @JsonInclude(JsonInclude.Include.ALWAYS) String candidate,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long baselineLength,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long candidateLength,
        @JsonInclude(JsonInclude.Include.NON_NULL) Severity severity) {

    public Difference withSeverity(Severity s) {
        return new Difference(path, tag, vr, kind, baseline, candidate, baselineLength, candidateLength, s);
    }
}
