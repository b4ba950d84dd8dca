package org.qanode.qarecord;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.qanode.compare.Severity;

/** Reading the node's event bodies (node.NodeEvents) as the QA record channels need them. */
final class Events {
    static final String COMPARISON_FINISHED = "comparison.finished";
    static final String COMPARISON_SIGNED_OFF = "comparison.signedOff";
    static final String SWEEP_FINISHED = "sweep.finished";

    private Events() {
    }

    static JsonNode parse(byte[] body) {
        try {
            return JsonHttp.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("event body is not JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode parse(String body) {
        return parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The comparison an event is about: its id, or a sweep's comparison; null when none. */
    static String comparisonId(String event, JsonNode e) {
        if (SWEEP_FINISHED.equals(event)) {
            return e.hasNonNull("comparison") ? e.get("comparison").asText() : null;
        }
        return e.hasNonNull("id") ? e.get("id").asText() : null;
    }

    /**
     * The event's severity: a comparison's worst (NONE when identical, null when it FAILED); a
     * sweep's from its counts (alerts, then warnings, then infos).
     */
    static Severity severity(String event, JsonNode e) {
        if (SWEEP_FINISHED.equals(event)) {
            if (e.path("alerts").asInt() > 0) {
                return Severity.ALERT;
            }
            if (e.path("warnings").asInt() > 0) {
                return Severity.WARNING;
            }
            return e.path("infos").asInt() > 0 ? Severity.INFO : Severity.NONE;
        }
        String s = e.path("severity").asText(null);
        if (s == null || s.isEmpty() || s.equals("null")) {
            return null;
        }
        try {
            return Severity.valueOf(s);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
