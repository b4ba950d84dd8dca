package org.qanode.api;

import org.qanode.webhook.WebhookSignature;
import org.qanode.webhook.WebhookTarget;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.io.TransferSyntax;

/**
 * Webhooks end to end against a local receiver: signed events for a state's first object and a
 * finished comparison, retries after 500, and pending deliveries surviving a restart.
 */
class WebhookTest {
    private static final String SECRET = "hook-secret";

    @TempDir
    Path dir;
    private TestNode node;
    private WebhookReceiver receiver;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private TestNode open() throws Exception {
        return TestNode.start(dir, TestNode.options(null, List.of(new WebhookTarget(receiver.url(), SECRET)), 1 << 20));
    }

    private int deliveredRows() {
        try {
            return TestNode.json(node.get("/api/v1/webhooks/outbox?status=DELIVERED")).path("items").size();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private int pendingAttempts() {
        try {
            return TestNode.json(node.get("/api/v1/webhooks/outbox?status=PENDING")).path("items").path(0)
                    .path("attempts").asInt();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static JsonNode body(WebhookReceiver.Delivery d) throws Exception {
        return ApiJson.MAPPER.readTree(d.body());
    }

    @Test
    void signedEventsForFirstObjectAndFinishedComparison() throws Exception {
        receiver = new WebhookReceiver();
        node = open();
        Seeds.fill(node.core.sink());
        await("two first-object events", () -> receiver.accepted().size() == 2);
        for (WebhookReceiver.Delivery d : receiver.accepted()) {
            assertThat(d.header("X-Qanode-Signature"))
                    .isEqualTo(WebhookSignature.sign(SECRET, d.body().getBytes(StandardCharsets.UTF_8)))
                    .matches("sha256=[0-9a-f]{64}");
            assertThat(d.header("X-Qanode-Event")).isEqualTo("state.firstObject");
            assertThat(d.header("Content-Type")).isEqualTo("application/json");
        }
        assertThat(receiver.accepted().stream().map(d -> d.body().contains("\"state\":\"pre\"")).toList())
                .containsExactly(true, false);

        String id = TestNode.json(node.send("POST", "/api/v1/comparisons", "{\"baseline\":\"pre\",\"candidate\":\"post\"}"))
                .path("id").asText();
        await("comparison event", () -> receiver.accepted().size() == 3);
        WebhookReceiver.Delivery d = receiver.accepted().get(2);
        assertThat(d.header("X-Qanode-Signature")).isEqualTo(WebhookSignature.sign(SECRET, d.body().getBytes(StandardCharsets.UTF_8)));
        JsonNode event = body(d);
        assertThat(event.path("event").asText()).isEqualTo("comparison.finished");
        assertThat(event.path("id").asText()).isEqualTo(id);
        assertThat(event.path("status").asText()).isEqualTo("DONE");
        assertThat(event.path("baseline").asText()).isEqualTo("pre");
        assertThat(event.path("candidate").asText()).isEqualTo("post");
        assertThat(event.path("profile").asText()).isEqualTo("upgrade");
        assertThat(event.path("verdict").asText()).isEqualTo("DIFFERENT");
        assertThat(event.path("severity").asText()).isEqualTo("ALERT");
        assertThat(event.path("summary").path("different").asInt()).isEqualTo(1);
        assertThat(event.path("summary").path("onlyInBaseline").asInt()).isEqualTo(1);
        assertThat(event.path("differences").asInt()).isEqualTo(1);
        String self = node.api.baseUrl() + "/api/v1/comparisons/" + id;
        assertThat(event.path("links").path("json").asText()).isEqualTo(self);
        assertThat(event.path("links").path("html").asText()).isEqualTo(self + "?format=html");
        // the links work
        assertThat(node.get("/api/v1/comparisons/" + id + "?format=html").statusCode()).isEqualTo(200);

        // a further object into a non-empty state is no event; emptied and refilled, it is again
        Seeds.send(node.core.sink(), List.of(Seeds.candidate().get(0)), "QA_PRE", TransferSyntax.EXPLICIT_LE);
        assertThat(node.send("DELETE", "/api/v1/states/post", null).statusCode()).isEqualTo(204);
        Seeds.send(node.core.sink(), List.of(Seeds.candidate().get(0)), "QA_POST", TransferSyntax.EXPLICIT_LE);
        await("first object after delete", () -> receiver.accepted().size() == 4);
        assertThat(body(receiver.accepted().get(3)).path("state").asText()).isEqualTo("post");

        // the receiver has answered 2xx; the dispatcher marks the row DELIVERED just after
        await("all four rows delivered", () -> deliveredRows() == 4);
        JsonNode outbox = TestNode.json(node.get("/api/v1/webhooks/outbox")).path("items");
        assertThat(outbox).hasSize(4);
        outbox.forEach(e -> assertThat(e.path("status").asText()).isEqualTo("DELIVERED"));
        assertThat(outbox.get(0).has("body")).isFalse();
        assertThat(node.get("/metrics").body()).contains("qanode_webhook_deliveries_total 4")
                .contains("qanode_comparisons_total{status=\"DONE\"} 1")
                .contains("qanode_differences_total{severity=\"ALERT\"} 1");
    }

    @Test
    void retriedWithBackoffAfter500() throws Exception {
        receiver = new WebhookReceiver();
        receiver.failNext.set(2);
        node = open();
        Seeds.send(node.core.sink(), List.of(Seeds.baseline().get(0)), "QA_PRE", TransferSyntax.IMPLICIT_LE);
        await("delivery after two 500s", () -> receiver.accepted().size() == 1);
        assertThat(receiver.deliveries).hasSize(3);
        assertThat(receiver.deliveries.stream().map(WebhookReceiver.Delivery::body).distinct()).hasSize(1);
        assertThat(receiver.deliveries.stream().map(x -> x.header("X-Qanode-Signature")).distinct()).hasSize(1);
        await("outbox row delivered", () -> {
            try {
                return TestNode.json(node.get("/api/v1/webhooks/outbox?status=DELIVERED")).path("items").size() == 1;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        JsonNode entry = TestNode.json(node.get("/api/v1/webhooks/outbox?status=DELIVERED")).path("items").get(0);
        assertThat(entry.path("attempts").asInt()).isEqualTo(3);
        assertThat(entry.path("lastStatus").asInt()).isEqualTo(204);
        assertThat(node.get("/metrics").body()).contains("qanode_webhook_failures_total 2");
        assertThat(node.get("/api/v1/webhooks/outbox?status=LOST").statusCode()).isEqualTo(400);
    }

    @Test
    void pendingDeliveriesSurviveRestart() throws Exception {
        receiver = new WebhookReceiver();
        receiver.failing = true;
        node = open();
        Seeds.send(node.core.sink(), List.of(Seeds.baseline().get(0)), "QA_PRE", TransferSyntax.IMPLICIT_LE);
        await("a failed attempt", () -> !receiver.deliveries.isEmpty());
        // the receiver has answered 500; the dispatcher records that just after
        await("the failure recorded", () -> pendingAttempts() > 0);
        JsonNode pending = TestNode.json(node.get("/api/v1/webhooks/outbox?status=PENDING")).path("items");
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).path("lastError").asText()).isEqualTo("HTTP 500");
        node.close();
        node = null;

        receiver.failing = false;
        node = open();
        await("delivery after restart", () -> receiver.accepted().size() == 1);
        assertThat(body(receiver.accepted().get(0)).path("event").asText()).isEqualTo("state.firstObject");
        await("outbox empty", () -> {
            try {
                return node.store != null && TestNode.json(node.get("/api/v1/webhooks/outbox?status=PENDING")).path("items").isEmpty();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}
