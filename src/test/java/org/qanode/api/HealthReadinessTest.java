package org.qanode.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.metrics.NodeMetrics;
import org.qanode.node.Node;
import org.qanode.store.StateStore;

/**
 * Issue 11: health said UP while the node could not store (DICOM port not yet bound, disk below
 * its watermark, index gone). It now says {@code ready} with the reasons, and 503 while not ready;
 * the old fields stay.
 */
class HealthReadinessTest {
    @TempDir
    Path dir;
    StateStore store;
    Node node;
    HttpApi api;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        if (node != null) {
            node.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private void start(long minFreeBytes) throws Exception {
        store = StateStore.open(dir, StateStore.defaultIndexUrl(dir), minFreeBytes);
        node = Node.start(store, TestNode.options(null, java.util.List.of(), 1 << 20).node(), new NodeMetrics(), null);
        api = HttpApi.start(node, new HttpSettings("127.0.0.1", 0, null, 1 << 20, null));
    }

    private HttpResponse<String> health() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/v1/health"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void notReadyUntilTheDicomPortIsBoundAndAfterItStops() throws Exception {
        start(0);
        node.readiness().dicomStarting();
        HttpResponse<String> r = health();
        JsonNode body = ApiJson.MAPPER.readTree(r.body());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(body.path("ready").asBoolean(true)).isFalse();
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("reasons").toString()).contains("DICOM port not yet bound");
        assertThat(body.path("indexReachable").asBoolean()).isTrue();
        assertThat(body.path("dataDirWritable").asBoolean()).isTrue();

        node.readiness().dicomListening();
        r = health();
        body = ApiJson.MAPPER.readTree(r.body());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body.path("ready").asBoolean()).isTrue();
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("reasons").isArray()).isTrue();
        assertThat(body.path("reasons")).isEmpty();

        node.readiness().dicomStopped();
        assertThat(health().statusCode()).isEqualTo(503);
    }

    @Test
    void notReadyWhileTheDiskIsBelowItsWatermark() throws Exception {
        start(Long.MAX_VALUE / 2);
        HttpResponse<String> r = health();
        JsonNode body = ApiJson.MAPPER.readTree(r.body());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(body.path("ready").asBoolean(true)).isFalse();
        assertThat(body.path("reasons").get(0).asText()).contains("below storage.minFreeBytes");
        assertThat(body.path("dataDirWritable").asBoolean()).isTrue();
    }

    @Test
    void notReadyWhenTheIndexIsGone() throws Exception {
        start(0);
        store.index().close();
        HttpResponse<String> r = health();
        JsonNode body = ApiJson.MAPPER.readTree(r.body());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(body.path("indexReachable").asBoolean(true)).isFalse();
        assertThat(body.path("reasons").toString()).contains("index unreachable");
    }
}
