package org.qanode.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One difference of a finished comparison marked as expected, with why: the object by SOP
 * Instance UID and the difference by its tag path, exactly as the result's {@code pairs} carry them.
 *
 * @param at ISO-8601 UTC
 */
@JsonPropertyOrder({"sopInstanceUid", "path", "reason", "user", "at"})
public record Annotation(String sopInstanceUid, String path, String reason, String user, String at) {
}
