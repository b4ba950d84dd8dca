package org.qanode.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.qanode.audit.AuditEvent;
import org.qanode.audit.AuditEventType;
import org.qanode.audit.AuditOutcome;
import org.qanode.audit.AuditTrail;

/**
 * Which HTTP requests are audit events, decided in one table after the response is known (so the
 * outcome is the real one): state created / deleted, receiving state changed, comparison
 * requested / viewed / signed off, export, audit read, and a wrong bearer token presented (logins,
 * log-outs and account changes come from {@code account.SecurityEvents}). The resources stay free
 * of audit code. Refused requests of the
 * state-changing routes are recorded too, as minor failures (someone tried).
 */
final class AuditedRequests {
    /** "METHOD template" to event type. */
    private static final Map<String, AuditEventType> ROUTES = Map.ofEntries(
            Map.entry("POST /api/v1/states", AuditEventType.STATE_CREATED),
            Map.entry("DELETE /api/v1/states/{name}", AuditEventType.STATE_DELETED),
            Map.entry("PUT /api/v1/receiving-state", AuditEventType.RECEIVING_STATE_CHANGED),
            Map.entry("POST /api/v1/comparisons", AuditEventType.COMPARISON_REQUESTED),
            Map.entry("GET /api/v1/comparisons/{id}", AuditEventType.COMPARISON_VIEWED),
            Map.entry("GET /ui/comparisons/{id}", AuditEventType.COMPARISON_VIEWED),
            Map.entry("POST /api/v1/comparisons/{id}/signoff", AuditEventType.COMPARISON_SIGNED_OFF),
            Map.entry("POST /api/v1/exports", AuditEventType.EXPORT_REQUESTED),
            Map.entry("GET /api/v1/audit", AuditEventType.AUDIT_VIEWED));

    private final AuditTrail trail;
    private final WebSessions sessions;

    AuditedRequests(AuditTrail trail, WebSessions sessions) {
        this.trail = trail;
        this.sessions = sessions;
    }

    /** Records what {@code request} (matched to {@code route}, null when none) did; never throws. */
    void after(ApiRequest request, Route route, ApiResponse response) {
        try {
            record(request, route, response);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AuditedRequests.class).error("audit of {} {} failed: {}",
                    request.method(), request.path(), e.toString());
        }
    }

    private void record(ApiRequest r, Route route, ApiResponse response) {
        if (route != null) {
            r = r.withPathParams(route.match(r.path()));
        }
        // logins, failed logins and log-outs are told by the accounts layer (account.SecurityEvents,
        // wired to the trail by audit.AuditedSecurityEvents) with the account's name; what only the
        // router sees is a wrong bearer token on a script's request
        if (response.status() == 401 && r.header("authorization") != null) {
            trail.record(event(AuditEventType.LOGIN, AuditOutcome.MINOR_FAILURE, "unknown", r)
                    .describe("wrong bearer token presented: " + r.method() + " " + r.path()));
            return;
        }
        if (route == null) {
            return;
        }
        AuditEventType type = ROUTES.get(route.method() + " " + route.template());
        if (type == null) {
            return;
        }
        int status = response.status();
        if (status == 401) {
            return; // no credentials at all: nobody to name, nothing done
        }
        if (type == AuditEventType.COMPARISON_VIEWED && !viewedResult(r, response)) {
            return; // polling a comparison that is not finished, or a miss: no patient data read
        }
        AuditOutcome outcome = status < 400 ? AuditOutcome.SUCCESS
                : status >= 500 ? AuditOutcome.SERIOUS_FAILURE : AuditOutcome.MINOR_FAILURE;
        AuditEvent e = event(type, outcome, sessions.user(r), r);
        JsonNode body = json(r.body());
        e = switch (type) {
            case STATE_CREATED -> e.about("state", text(body, "name"));
            case STATE_DELETED -> e.about("state", r.pathParam("name"));
            case RECEIVING_STATE_CHANGED -> e.about("state", text(body, "state"));
            case COMPARISON_REQUESTED -> e.about("comparison", lastSegment(response.headers().get("Location")))
                    .describe("baseline " + text(body, "baseline") + ", candidate " + text(body, "candidate")
                            + (text(body, "profile") != null ? ", profile " + text(body, "profile") : ""));
            case COMPARISON_VIEWED -> e.about("comparison", r.pathParam("id"))
                    .describe(r.param("format") == null ? null : "report " + r.param("format"));
            case COMPARISON_SIGNED_OFF -> e.about("comparison", r.pathParam("id"))
                    .describe("decision " + text(body, "decision"));
            case EXPORT_REQUESTED -> e.about("export", text(body, "from"))
                    .describe(new String(r.body(), StandardCharsets.UTF_8) + exportId(response));
            case AUDIT_VIEWED -> e.about("uri", r.path());
            default -> e;
        };
        if (outcome != AuditOutcome.SUCCESS) {
            JsonNode error = json(response.body());
            String detail = "HTTP " + status + (text(error, "detail") != null ? ": " + text(error, "detail") : "");
            e = e.describe(e.description() == null ? detail : e.description() + "; " + detail);
        }
        trail.record(e);
    }

    private static AuditEvent event(AuditEventType type, AuditOutcome outcome, String actor, ApiRequest r) {
        return AuditEvent.of(type, outcome, actor, r.remoteAddress());
    }

    /** A report, the UI page, or the JSON of a finished comparison. */
    private static boolean viewedResult(ApiRequest r, ApiResponse response) {
        if (response.status() != 200) {
            return false;
        }
        if (r.param("format") != null || r.path().startsWith("/ui/")) {
            return true;
        }
        byte[] b = response.body();
        String head = new String(b, 0, Math.min(b.length, 1024), StandardCharsets.UTF_8).replace(" ", "");
        return head.contains("\"status\":\"DONE\"");
    }

    private static String exportId(ApiResponse response) {
        String id = lastSegment(response.headers().get("Location"));
        return id == null ? "" : " (export " + id + ")";
    }

    private static String lastSegment(String location) {
        return location == null ? null : location.substring(location.lastIndexOf('/') + 1);
    }

    private static JsonNode json(byte[] body) {
        if (body == null || body.length == 0 || body[0] != '{') {
            return null;
        }
        try {
            return ApiJson.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.hasNonNull(field) || !node.get(field).isValueNode()) {
            return null;
        }
        return node.get(field).asText();
    }
}
