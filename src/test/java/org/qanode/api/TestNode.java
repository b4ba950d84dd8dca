package org.qanode.api;

import org.qanode.metrics.NodeMetrics;
import org.qanode.node.Node;
import org.qanode.node.CompareSettings;
import org.qanode.webhook.RetryPolicy;
import org.qanode.webhook.WebhookTarget;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.qanode.store.StateStore;

/**
 * A real node for tests: state store in a temporary data directory, REST server on port 0,
 * and a java.net.http client speaking to it. Restartable on the same data directory.
 */
final class TestNode implements AutoCloseable {
    static final RetryPolicy FAST_RETRY = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(5));

    /**
     * What a test node is started with: the HTTP side and the node's services; {@code qaRecord}
     * builds the QA record channels once the store is open (null: none).
     */
    record Options(HttpSettings http, Node.Options node,
            java.util.function.Function<StateStore, List<org.qanode.webhook.OutboxChannel>> qaRecord) {
        Options(HttpSettings http, Node.Options node) {
            this(http, node, null);
        }
    }

    final Path dataDir;
    final Options options;
    final StateStore store;
    final Node core;
    final HttpApi api;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestNode(Path dataDir, Options options, StateStore store, Node core, HttpApi api) {
        this.dataDir = dataDir;
        this.options = options;
        this.store = store;
        this.core = core;
        this.api = api;
    }

    static Options options(String token, List<WebhookTarget> webhooks, int maxBody) {
        return new Options(new HttpSettings("127.0.0.1", 0, token, maxBody, null),
                new Node.Options(Map.of("QA_PRE", "pre", "QA_POST", "post"), "inbox", webhooks, FAST_RETRY,
                        new CompareSettings("upgrade", Path.of("conf/profiles"), 4, 1, 2)));
    }

    static TestNode start(Path dataDir, Options options) throws Exception {
        StateStore store = StateStore.open(dataDir, StateStore.defaultIndexUrl(dataDir));
        Node.Options o = options.node();
        if (options.qaRecord() != null) {
            o = new Node.Options(o.states(), o.configuredReceivingState(), o.webhooks(), o.webhookDelivery(), o.compare(),
                    o.rois(), o.sweep(), o.associations(), options.qaRecord().apply(store));
        }
        Node core = Node.start(store, o, new NodeMetrics(), null);
        HttpApi api = HttpApi.start(core, options.http());
        return new TestNode(dataDir, options, store, core, api);
    }

    /** Stops this node and starts a new one on the same data directory and options. */
    TestNode restart() throws Exception {
        close();
        return start(dataDir, options);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            b.setHeader("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            b.headers(headers);
        } else if (options.http().token() != null) {
            b.header("Authorization", "Bearer " + options.http().token());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return ApiJson.MAPPER.readTree(r.body());
    }

    /** Polls a comparison until it is DONE or FAILED. */
    JsonNode awaitComparison(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode n = json(get("/api/v1/comparisons/" + id));
            String status = n.path("status").asText();
            if (status.equals("DONE") || status.equals("FAILED")) {
                return n;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("comparison " + id + " did not finish");
    }

    @Override
    public void close() {
        try {
            api.close();
            core.close();
        } finally {
            store.close();
        }
    }
}
