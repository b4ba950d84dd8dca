package org.qanode.api;

import org.qanode.metrics.NodeMetrics;
import org.qanode.webhook.OutboxEntry;
import org.qanode.webhook.WebhookOutbox;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qanode.store.StateStore;

/**
 * The node-level endpoints: health (the only one without authentication, for load balancers
 * and systemd watchdogs), Prometheus metrics, the webhook outbox and the OpenAPI document.
 */
final class NodeResources {
    static final String OPENAPI_RESOURCE = "openapi.json";

    private final StateStore store;
    private final NodeMetrics metrics;
    private final WebhookOutbox outbox;

    NodeResources(StateStore store, NodeMetrics metrics, WebhookOutbox outbox) {
        this.store = store;
        this.metrics = metrics;
        this.outbox = outbox;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/v1/health", false, r -> health()),
                new Route("GET", "/metrics", true, r -> ApiResponse.raw(200, metrics.contentType(), metrics.scrape())),
                new Route("GET", "/api/v1/webhooks/outbox", true, this::outbox),
                new Route("GET", "/api/v1/openapi.json", true, r -> ApiResponse.raw(200, ApiResponse.JSON, openApi())));
    }

    /** 200 when objects can be received (index answers, data directory writable), else 503. */
    private ApiResponse health() {
        boolean index = store.indexReachable();
        boolean disk = store.dataDirWritable();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", index && disk ? "UP" : "DOWN");
        body.put("indexReachable", index);
        body.put("dataDirWritable", disk);
        return ApiResponse.json(index && disk ? 200 : 503, body);
    }

    private ApiResponse outbox(ApiRequest r) {
        String status = r.param("status");
        if (status != null && !status.equals(OutboxEntry.PENDING) && !status.equals(OutboxEntry.DELIVERED)) {
            throw ApiException.badRequest("query parameter 'status' must be PENDING or DELIVERED, got '" + status + "'");
        }
        return ApiResponse.json(200, new Views.Items<>(outbox.list(status, r.intParam("limit", 100, 1, 1000))));
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
