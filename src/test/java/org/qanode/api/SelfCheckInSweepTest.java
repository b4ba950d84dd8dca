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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.metrics.NodeMetrics;
import org.qanode.node.CompareSettings;
import org.qanode.node.Node;
import org.qanode.store.StateStore;
import org.qanode.sweep.RoisConfig;
import org.qanode.sweep.SweepSettings;
import org.qanode.testing.FreePorts;
import org.qanode.webhook.WebhookTarget;

/**
 * Issue 13: every sweep of the node runs the self-check, with the sweep's profile. A comparator
 * rule deliberately broken in that profile (BeamMeterset ignored) fails it loudly: the sweep is
 * marked (its record and {@code sweep.finished} say ALERT), a {@code selftest.failed} ALERT event
 * goes out, health turns DEGRADED (still ready) and {@code qanode_selftest_ok} drops to 0, although
 * the start-up check (upgrade profile, intact) passed. The ROIS is unreachable: the check runs
 * whatever the export does.
 */
class SelfCheckInSweepTest {
    @TempDir
    Path dir;
    StateStore store;
    Node node;
    HttpApi api;
    WebhookReceiver hooks;
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
        if (hooks != null) {
            hooks.close();
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double sample(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(name.length() + 1).trim())).orElseThrow();
    }

    @Test
    void aBrokenRuleInTheSweepProfileFailsTheSweepsSelfCheckLoudly() throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("nightly.yml"), Files.readString(Path.of("conf/profiles/nightly.yml"))
                .replace("  - InstanceCreationDate\n", "  - InstanceCreationDate\n  - BeamMeterset\n"));
        Path patients = dir.resolve("patients.csv");
        Files.writeString(patients, "Patient ID\nQA000001\n");
        hooks = new WebhookReceiver();
        Path data = dir.resolve("var");
        store = StateStore.open(data, StateStore.defaultIndexUrl(data));
        RoisConfig rois = RoisConfig.of("ARIA", "NOBODY", "127.0.0.1", FreePorts.next(), "QANODE")
                .withTimeout(Duration.ofSeconds(2), 0);
        node = Node.start(store, new Node.Options(Map.of(), "inbox", List.of(new WebhookTarget(hooks.url(), "s")),
                TestNode.FAST_RETRY, new CompareSettings("upgrade", profiles, 4, 1, 2), Map.of("ARIA", rois),
                new SweepSettings("ARIA", "0 2 * * *", patients, List.of(), 0, "nightly", 3), null),
                new NodeMetrics(), null);
        api = HttpApi.start(node, new HttpSettings("127.0.0.1", 0, null, 1 << 20, null));
        node.baseUrl("http://127.0.0.1:" + api.port());
        assertThat(node.selftest().result().get(60, TimeUnit.SECONDS).ok()).as("start-up check, upgrade profile").isTrue();
        assertThat(ApiJson.MAPPER.readTree(send("GET", "/api/v1/health").body()).path("status").asText()).isEqualTo("UP");

        HttpResponse<String> started = send("POST", "/api/v1/sweeps");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = ApiJson.MAPPER.readTree(started.body()).path("id").asText();
        JsonNode sweep = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            sweep = ApiJson.MAPPER.readTree(send("GET", "/api/v1/sweeps/" + id).body());
            if (!"RUNNING".equals(sweep.path("status").asText())) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(sweep.path("status").asText()).as(sweep.toString()).isEqualTo("FAILED"); // nobody at the ROIS port
        assertThat(sweep.at("/selfCheck/ok").asBoolean(true)).isFalse();
        assertThat(sweep.at("/selfCheck/profile").asText()).isEqualTo("nightly");
        assertThat(sweep.at("/selfCheck/problems/1").asText()).startsWith("MISSED beam MU: ");
        assertThat(sweep.path("severity").asText()).isEqualTo("ALERT");
        assertThat(sweep.path("error").asText()).startsWith("selftest FAILED: 1 seeded change(s) missed");

        JsonNode health = ApiJson.MAPPER.readTree(send("GET", "/api/v1/health").body());
        assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.path("ready").asBoolean()).isTrue();
        assertThat(health.at("/selftest/ok").asBoolean(true)).isFalse();
        assertThat(health.at("/selftest/profile").asText()).isEqualTo("nightly");
        assertThat(sample(send("GET", "/metrics").body(), "qanode_selftest_ok")).isEqualTo(0.0);

        JsonNode failed = null;
        JsonNode finished = null;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((failed == null || finished == null) && System.nanoTime() < deadline) {
            for (WebhookReceiver.Delivery d : hooks.accepted()) {
                JsonNode e = ApiJson.MAPPER.readTree(d.body());
                if (e.path("event").asText().equals("selftest.failed")) {
                    failed = e;
                } else if (e.path("event").asText().equals("sweep.finished")) {
                    finished = e;
                }
            }
            Thread.sleep(100);
        }
        assertThat(failed).as("selftest.failed delivered").isNotNull();
        assertThat(failed.path("severity").asText()).isEqualTo("ALERT");
        assertThat(failed.path("context").asText()).isEqualTo("sweep");
        assertThat(failed.path("profile").asText()).isEqualTo("nightly");
        assertThat(failed.at("/problems/1").asText()).startsWith("MISSED beam MU: ");
        assertThat(finished).as("sweep.finished delivered").isNotNull();
        assertThat(finished.path("severity").asText()).isEqualTo("ALERT");
        assertThat(finished.at("/selfCheck/ok").asBoolean(true)).isFalse();
    }
}
