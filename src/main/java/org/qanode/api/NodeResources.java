package org.qanode.api;

import org.qanode.account.Role;

import org.qanode.metrics.NodeMetrics;
import org.qanode.webhook.OutboxChannel;
import org.qanode.webhook.OutboxEntry;
import org.qanode.webhook.WebhookOutbox;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qanode.node.Readiness;
import org.qanode.node.SelfCheckService;

/**
 * The node-level endpoints: health (the only one without authentication, for load balancers
 * and systemd watchdogs), Prometheus metrics, the webhook outbox and the OpenAPI document.
 */
final class NodeResources {
    static final String OPENAPI_RESOURCE = "openapi.json";

    private final Readiness readiness;
    private final NodeMetrics metrics;
    private final WebhookOutbox outbox;

    private final SelfCheckService selftest;

    NodeResources(Readiness readiness, NodeMetrics metrics, WebhookOutbox outbox, SelfCheckService selftest) {
        this.selftest = selftest;
        this.readiness = readiness;
        this.metrics = metrics;
        this.outbox = outbox;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/v1/health", null, r -> health()),
                new Route("GET", "/metrics", Role.VIEWER, r -> ApiResponse.raw(200, metrics.contentType(), metrics.scrape())),
                new Route("GET", "/api/v1/webhooks/outbox", Role.VIEWER, this::outbox),
                new Route("GET", "/api/v1/qa/outbox", Role.VIEWER, this::qaOutbox),
                // it calls the QA systems with the node's credentials: configuration, hence admin
                new Route("POST", "/api/v1/qa/test", Role.ADMIN, r -> qaTest()),
                new Route("GET", "/api/v1/openapi.json", Role.VIEWER, r -> ApiResponse.raw(200, ApiResponse.JSON, openApi())));
    }

    /**
     * 200 when objects can be received now, else 503 with the reasons ({@link Readiness}: index,
     * data directory writable and above its free-space watermark, DICOM port bound).
     */
    private ApiResponse health() {
        Readiness.Report r = readiness.check();
        Map<String, Object> body = new LinkedHashMap<>();
        // DEGRADED: the node stores objects, but its last self-check failed, so its comparisons
        // cannot be trusted (issue 13); still 200, readiness is about storing.
        boolean checkFailed = selftest.latest().map(c -> !c.ok()).orElse(false);
        body.put("status", !r.ready() ? "DOWN" : checkFailed ? "DEGRADED" : "UP");
        body.put("ready", r.ready());
        body.put("reasons", r.reasons());
        body.put("indexReachable", r.indexReachable());
        body.put("dataDirWritable", r.dataDirWritable());
        // The last self-check, at start or in a sweep (null until the first has run); readiness does not depend on it.
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("ok", selftest.latest().map(c -> c.ok()).orElse(null));
        check.put("at", selftest.latest().map(c -> c.at().toString()).orElse(null));
        check.put("profile", selftest.latest().map(c -> c.profile()).orElse(null));
        body.put("selftest", check);
        return ApiResponse.json(r.ready() ? 200 : 503, body);
    }

    private ApiResponse outbox(ApiRequest r) {
        String status = r.param("status");
        if (status != null && !status.equals(OutboxEntry.PENDING) && !status.equals(OutboxEntry.DELIVERED)) {
            throw ApiException.badRequest("query parameter 'status' must be PENDING or DELIVERED, got '" + status + "'");
        }
        return ApiResponse.json(200, new Views.Items<>(outbox.list(status, r.intParam("limit", 100, 1, 1000))));
    }

    /** The QA record deliveries (Redmine, QATrack+), as the webhook outbox; {@code channel} picks one system. */
    private ApiResponse qaOutbox(ApiRequest r) {
        String status = r.param("status");
        if (status != null && !status.equals(OutboxEntry.PENDING) && !status.equals(OutboxEntry.DELIVERED)) {
            throw ApiException.badRequest("query parameter 'status' must be PENDING or DELIVERED, got '" + status + "'");
        }
        String channel = r.param("channel");
        if (channel != null && outbox.channels().stream().noneMatch(c -> c.name().equals(channel))) {
            throw ApiException.badRequest("query parameter 'channel' must be one of the configured systems "
                    + outbox.channels().stream().map(OutboxChannel::name).toList() + ", got '" + channel + "'");
        }
        return ApiResponse.json(200, new Views.Items<>(outbox.list(channel, status, r.intParam("limit", 100, 1, 1000))));
    }

    /**
     * Checks each configured QA record system now (credentials, project and tracker, unit and test
     * list): 200 when all are fine, 502 when one is not, each with its one-line message.
     */
    private ApiResponse qaTest() {
        List<Map<String, Object>> checks = new java.util.ArrayList<>();
        boolean ok = true;
        for (OutboxChannel c : outbox.channels()) {
            OutboxChannel.Check check;
            try {
                check = c.check();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(503, "service unavailable", "interrupted");
            }
            ok &= check.ok();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("system", check.channel());
            m.put("ok", check.ok());
            m.put("message", check.message());
            checks.add(m);
        }
        if (checks.isEmpty()) {
            throw ApiException.notFound("no QA record system configured (section qa)");
        }
        return ApiResponse.json(ok ? 200 : 502, new Views.Items<>(checks));
    }

    static byte[] openApi() throws IOException {
        try (InputStream in = NodeResources.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IOException("OpenAPI document missing from the class path");
            }
            return in.readAllBytes();
        }
    }
}
