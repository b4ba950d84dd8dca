package org.qanode.api;

import org.qanode.account.Role;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.qanode.audit.AuditEvent;
import org.qanode.audit.AuditEventType;
import org.qanode.audit.AuditOutcome;
import org.qanode.audit.AuditPage;
import org.qanode.audit.AuditQuery;
import org.qanode.audit.AuditTrail;

/**
 * {@code GET /api/v1/audit}: the audit trail, newest first, filtered by {@code type},
 * {@code user}, {@code outcome}, {@code since}, {@code until} (ISO-8601 instants) and {@code text},
 * paged by {@code limit} and the cursor {@code before} (the {@code next} of the previous page).
 * Admin only (the route table); with no authentication configured (everyone is {@code local}),
 * only from loopback.
 */
final class AuditResource {
    private final AuditTrail trail;
    private final WebSessions sessions;

    AuditResource(AuditTrail trail, WebSessions sessions) {
        this.trail = trail;
        this.sessions = sessions;
    }

    /** One record as listed. */
    record Item(long id, String at, String type, String outcome, String actor, String remoteAddress,
            String calledAeTitle, String objectKind, String objectId, String patientId, int instanceCount,
            List<AuditEvent.Instance> instances, String description) {
        static Item of(AuditEvent.Stored s) {
            AuditEvent e = s.event();
            return new Item(s.id(), e.at().toString(), e.type().name(), e.outcome().name(), e.actor(),
                    e.remoteAddress(), e.calledAeTitle(), e.objectKind(), e.objectId(), e.patientId(),
                    e.instances().size(), e.instances(), e.description());
        }
    }

    record Page(List<Item> items, Long next) {
    }

    List<Route> routes() {
        return List.of(new Route("GET", "/api/v1/audit", Role.ADMIN, this::list));
    }

    private ApiResponse list(ApiRequest r) {
        if (!sessions.required() && !loopback(r.remoteAddress())) {
            // without a token everyone is "local": the trail is for the machine's own users only
            throw new ApiException(403, "forbidden", "the audit trail needs http.token when asked from "
                    + r.remoteAddress());
        }
        AuditQuery q = new AuditQuery(enumParam(r, "type", AuditEventType.class), r.param("user"),
                enumParam(r, "outcome", AuditOutcome.class), instant(r, "since"), instant(r, "until"), r.param("text"),
                cursor(r), r.intParam("limit", 100, 1, AuditQuery.MAX_LIMIT));
        AuditPage page = trail.find(q);
        return ApiResponse.json(200, new Page(page.items().stream().map(Item::of).toList(), page.next()));
    }

    private static boolean loopback(String address) {
        if (address == null) {
            return true; // in-process
        }
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static <E extends Enum<E>> E enumParam(ApiRequest r, String name, Class<E> type) {
        String v = r.param(name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("query parameter '" + name + "': unknown value '" + v + "' (one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ")");
        }
    }

    private static Instant instant(ApiRequest r, String name) {
        String v = r.param(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("query parameter '" + name + "' must be an ISO-8601 instant such as "
                    + "2026-12-01T00:00:00Z, got '" + v + "'");
        }
    }

    private static Long cursor(ApiRequest r) {
        String v = r.param("before");
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter 'before' must be the 'next' of a previous page, got '" + v + "'");
        }
    }
}
