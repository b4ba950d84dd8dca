package org.qanode.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A reviewer's decision on a finished comparison (ARCHITECTURE.md, "Web UI and sign-off"): the
 * latest one is the result's {@code signoff}; every earlier one stays in the index.
 *
 * @param user     who signed: {@code local} on a node without a token, {@code token} with the bearer token
 * @param decision ACCEPTED or REJECTED
 * @param comment  required for REJECTED, may be null for ACCEPTED
 * @param at       ISO-8601 UTC
 */
@JsonPropertyOrder({"user", "decision", "comment", "at"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Signoff(String user, String decision, String comment, String at) {
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";
}
