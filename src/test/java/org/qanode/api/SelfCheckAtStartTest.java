package org.qanode.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.metrics.NodeMetrics;
import org.qanode.node.CompareSettings;
import org.qanode.node.Node;
import org.qanode.selftest.SelfCheck;
import org.qanode.store.StateStore;

/** Issue 13: the node runs the self-check once at start; /metrics and health show it, readiness ignores it. */
class SelfCheckAtStartTest {
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

    private SelfCheck.Result start(Path profilesDir) throws Exception {
        Path data = dir.resolve("var");
        store = StateStore.open(data, StateStore.defaultIndexUrl(data));
        node = Node.start(store, new Node.Options(Map.of(), "inbox", List.of(), TestNode.FAST_RETRY,
                new CompareSettings("upgrade", profilesDir, 4, 1, 2)), new NodeMetrics(), null);
        api = HttpApi.start(node, new HttpSettings("127.0.0.1", 0, null, 1 << 20, null));
        return node.selftest().result().get(60, TimeUnit.SECONDS);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double sample(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(name.length() + 1).trim())).orElseThrow();
    }

    @Test
    void aPassingCheckIsOneInMetricsAndOkInHealth() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        SelfCheck.Result r = start(Path.of("conf/profiles"));
        assertThat(r.ok()).as(String.join("\n", r.lines())).isTrue();
        String metrics = get("/metrics").body();
        assertThat(metrics).contains("# TYPE qanode_selftest_ok gauge", "# TYPE qanode_selftest_timestamp_seconds gauge");
        assertThat(sample(metrics, "qanode_selftest_ok")).isEqualTo(1.0);
        assertThat(sample(metrics, "qanode_selftest_timestamp_seconds")).isGreaterThanOrEqualTo(before.getEpochSecond());
        JsonNode health = ApiJson.MAPPER.readTree(get("/api/v1/health").body());
        assertThat(health.at("/selftest/ok").asBoolean(false)).isTrue();
        assertThat(Instant.parse(health.at("/selftest/at").asText())).isEqualTo(r.at());
    }

    @Test
    void aFailingCheckIsZeroAndLeavesReadinessAlone() throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("upgrade.yml"), Files.readString(Path.of("conf/profiles/upgrade.yml"))
                .replace("  - InstanceCreationDate\n", "  - InstanceCreationDate\n  - BeamMeterset\n"));
        SelfCheck.Result r = start(profiles);
        assertThat(r.ok()).isFalse();
        assertThat(r.missed()).singleElement().asString().startsWith("beam MU: ");
        assertThat(sample(get("/metrics").body(), "qanode_selftest_ok")).isEqualTo(0.0);
        HttpResponse<String> h = get("/api/v1/health");
        JsonNode health = ApiJson.MAPPER.readTree(h.body());
        assertThat(health.at("/selftest/ok").isBoolean()).isTrue();
        assertThat(health.at("/selftest/ok").asBoolean(true)).isFalse();
        // Readiness is about storing objects; the self-check does not enter it.
        assertThat(health.path("reasons").toString()).doesNotContain("selftest", "self-check");
    }

    @Test
    void aProfileThatDoesNotLoadIsAFailedCheck() throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("upgrade.yml"), "name: upgrade\nnoSuchKey: 1\n");
        SelfCheck.Result r = start(profiles);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).startsWith("Unrecognized field \"noSuchKey\"");
        assertThat(r.lines()).singleElement().asString().startsWith("selftest FAILED: could not run: Unrecognized field");
    }
}
