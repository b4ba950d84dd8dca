package org.qanode.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.node.ComparisonRepository;
import org.qanode.webhook.WebhookTarget;

/**
 * Issue 14's REST side: sign-off and annotations of a DONE comparison (status codes, the
 * result's {@code signoff} and {@code annotations}, history kept, no inheritance by a new
 * comparison, the {@code comparison.signedOff} event, the HTML report's block) and the download
 * of a stored object's Part 10 file.
 */
class SignoffTest {
    @TempDir
    Path dir;
    private TestNode node;
    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private String compare() throws Exception {
        HttpResponse<String> r = node.send("POST", "/api/v1/comparisons", "{\"baseline\":\"pre\",\"candidate\":\"post\"}");
        assertThat(r.statusCode()).isEqualTo(202);
        String id = TestNode.json(r).path("id").asText();
        assertThat(node.awaitComparison(id).path("status").asText()).isEqualTo("DONE");
        return id;
    }

    private HttpResponse<String> signoff(String id, String body) throws Exception {
        return node.send("POST", "/api/v1/comparisons/" + id + "/signoff", body);
    }

    @Test
    void signOffIsValidatedKeptAsHistoryAndServedWithTheResult() throws Exception {
        receiver = new WebhookReceiver();
        node = TestNode.start(dir, TestNode.options(null, List.of(new WebhookTarget(receiver.url(), "s3cret")), 1 << 20));
        Seeds.fill(node.core.sink());
        String id = compare();
        String unsigned = node.get("/api/v1/comparisons/" + id).body();
        assertThat(TestNode.json(node.get("/api/v1/comparisons/" + id)).has("signoff")).isFalse();

        assertThat(signoff(UUID.randomUUID().toString(), "{\"decision\":\"ACCEPTED\"}").statusCode()).isEqualTo(404);
        assertThat(signoff(id, "{\"decision\":\"MAYBE\"}").statusCode()).isEqualTo(400);
        assertThat(signoff(id, "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> noComment = signoff(id, "{\"decision\":\"REJECTED\",\"comment\":\"  \"}");
        assertThat(noComment.statusCode()).isEqualTo(400);
        assertThat(TestNode.json(noComment).path("detail").asText()).contains("comment");
        assertThat(signoff(id, "{\"decision\":\"ACCEPTED\",\"who\":\"x\"}").statusCode()).isEqualTo(400);

        HttpResponse<String> accepted = signoff(id, "{\"decision\":\"ACCEPTED\"}");
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(TestNode.json(accepted).path("user").asText()).isEqualTo("local");
        HttpResponse<String> rejected = signoff(id, "{\"decision\":\"REJECTED\",\"comment\":\"plan label <changed>\"}");
        assertThat(rejected.statusCode()).isEqualTo(201);

        JsonNode result = TestNode.json(node.get("/api/v1/comparisons/" + id));
        JsonNode so = result.path("signoff");
        assertThat(so.path("user").asText()).isEqualTo("local");
        assertThat(so.path("decision").asText()).isEqualTo("REJECTED");
        assertThat(so.path("comment").asText()).isEqualTo("plan label <changed>");
        assertThat(so.path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        // the stored result is otherwise served unchanged
        assertThat(result.path("pairs").size()).isEqualTo(TestNode.json(node.get("/api/v1/comparisons/" + id)).path("pairs").size());
        assertThat(ApiJson.MAPPER.readTree(unsigned).path("pairs")).isEqualTo(result.path("pairs"));
        assertThat(node.core.reviews().history(id)).extracting(s -> s.decision()).containsExactly("REJECTED", "ACCEPTED");

        String html = node.get("/api/v1/comparisons/" + id + "?format=html").body();
        assertThat(html).contains("<section id=\"signoff\">").contains("REJECTED").contains("plan label &lt;changed&gt;");

        await("signedOff events", () -> receiver.accepted().stream().filter(d -> d.body().contains("comparison.signedOff")).count() == 2);
        JsonNode event = ApiJson.MAPPER.readTree(receiver.accepted().stream()
                .filter(d -> d.body().contains("\"REJECTED\"")).findFirst().orElseThrow().body());
        assertThat(event.path("event").asText()).isEqualTo("comparison.signedOff");
        assertThat(event.path("id").asText()).isEqualTo(id);
        assertThat(event.path("severity").asText()).isEqualTo("ALERT");
        assertThat(event.path("signoff").path("comment").asText()).isEqualTo("plan label <changed>");
        assertThat(event.path("links").path("ui").asText()).endsWith("/ui/comparisons/" + id);

        // a new comparison of the same two states starts unsigned
        String again = compare();
        assertThat(TestNode.json(node.get("/api/v1/comparisons/" + again)).has("signoff")).isFalse();
        // and sign-offs survive a restart (they live in the index)
        node = node.restart();
        assertThat(TestNode.json(node.get("/api/v1/comparisons/" + id)).path("signoff").path("decision").asText())
                .isEqualTo("REJECTED");
    }

    @Test
    void onlyDoneComparisonsCanBeSignedOff() throws Exception {
        node = TestNode.start(dir, TestNode.options(null, List.of(), 1 << 20));
        node.core.store().createState("pre");
        node.core.store().createState("post");
        String id = UUID.randomUUID().toString();
        new ComparisonRepository(node.store.index()).insert(id, "pre", "post", "upgrade");
        HttpResponse<String> r = signoff(id, "{\"decision\":\"ACCEPTED\"}");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(TestNode.json(r).path("detail").asText()).contains("QUEUED");
        assertThat(node.send("POST", "/api/v1/comparisons/" + id + "/annotations",
                "{\"sopInstanceUid\":\"1.2\",\"path\":\"/RTPlanLabel\",\"reason\":\"x\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void withTheTokenTheUserIsTokenAndAnnotationsNameARealDifference() throws Exception {
        node = TestNode.start(dir, TestNode.options("t0k3n", List.of(), 1 << 20));
        Seeds.fill(node.core.sink());
        String id = compare();
        assertThat(node.send("POST", "/api/v1/comparisons/" + id + "/signoff", "{\"decision\":\"ACCEPTED\"}",
                "Content-Type", "application/json").statusCode()).isEqualTo(401);
        assertThat(TestNode.json(signoff(id, "{\"decision\":\"ACCEPTED\",\"comment\":\"ok\"}")).path("user").asText())
                .isEqualTo("token");

        String annotations = "/api/v1/comparisons/" + id + "/annotations";
        assertThat(node.send("POST", annotations, "{\"sopInstanceUid\":\"" + Seeds.CHANGED_PLAN
                + "\",\"path\":\"/PatientName\",\"reason\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(node.send("POST", annotations, "{\"sopInstanceUid\":\"9.9.9\",\"path\":\"/RTPlanLabel\",\"reason\":\"x\"}")
                .statusCode()).isEqualTo(400);
        assertThat(node.send("POST", annotations, "{\"sopInstanceUid\":\"" + Seeds.CHANGED_PLAN
                + "\",\"path\":\"/RTPlanLabel\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> made = node.send("POST", annotations, "{\"sopInstanceUid\":\"" + Seeds.CHANGED_PLAN
                + "\",\"path\":\"/RTPlanLabel\",\"reason\":\"renamed on purpose\"}");
        assertThat(made.statusCode()).isEqualTo(201);
        node.send("POST", annotations, "{\"sopInstanceUid\":\"" + Seeds.CHANGED_PLAN
                + "\",\"path\":\"/RTPlanLabel\",\"reason\":\"renamed on purpose (ticket 42)\"}");
        JsonNode list = TestNode.json(node.get("/api/v1/comparisons/" + id)).path("annotations");
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.path(0).path("sopInstanceUid").asText()).isEqualTo(Seeds.CHANGED_PLAN);
        assertThat(list.path(0).path("path").asText()).isEqualTo("/RTPlanLabel");
        assertThat(list.path(0).path("reason").asText()).isEqualTo("renamed on purpose (ticket 42)");
        assertThat(list.path(0).path("user").asText()).isEqualTo("token");
    }

    @Test
    void anObjectsFileDownloadsByteForByte() throws Exception {
        node = TestNode.start(dir, TestNode.options(null, List.of(), 1 << 20));
        Seeds.fill(node.core.sink());
        var row = node.store.currentInstance("pre", Seeds.CHANGED_PLAN).orElseThrow();
        HttpResponse<byte[]> r = node.http.send(java.net.http.HttpRequest.newBuilder(
                node.uri("/api/v1/states/pre/instances/" + Seeds.CHANGED_PLAN + "/file")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/dicom");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains(Seeds.CHANGED_PLAN + ".dcm");
        assertThat(r.body()).isEqualTo(Files.readAllBytes(node.store.resolve(row)));
        assertThat(new String(r.body(), 128, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("DICM");
        assertThat(node.get("/api/v1/states/pre/instances/9.9.9/file").statusCode()).isEqualTo(404);
        assertThat(node.get("/api/v1/states/nope/instances/9.9.9/file").statusCode()).isEqualTo(404);
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
}
