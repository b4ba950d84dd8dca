package org.qanode.api;

import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.UIDs;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.testing.SinkFeeder;
import org.qanode.testing.StateGenerator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of the REST API against a real server on port 0, with and without a token. */
class RestApiTest {
    private static final String TOKEN = "s3cret-token-for-tests";

    @TempDir
    Path dir;
    private TestNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private TestNode open(String token) throws Exception {
        node = TestNode.start(dir, TestNode.options(token, List.of(), 64 * 1024));
        return node;
    }

    private static void assertError(HttpResponse<String> r, int status, String detailPart) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode n = TestNode.json(r);
        assertThat(n.path("error").asText()).isNotEmpty();
        assertThat(n.path("detail").asText()).contains(detailPart);
        assertThat(r.body()).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void healthNeedsNoTokenButEverythingElseDoes() throws Exception {
        open(TOKEN);
        HttpResponse<String> health = node.send("GET", "/api/v1/health", null, "Accept", "application/json");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(TestNode.json(health).path("status").asText()).isEqualTo("UP");
        assertThat(TestNode.json(health).path("indexReachable").asBoolean()).isTrue();

        for (String path : List.of("/api/v1/states", "/metrics", "/api/v1/openapi.json", "/api/v1/receiving-state",
                "/api/v1/comparisons", "/api/v1/webhooks/outbox")) {
            HttpResponse<String> none = node.send("GET", path, null, "Accept", "*/*");
            assertError(none, 401, "Authorization: Bearer");
            assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"qanode\"");
            assertError(node.send("GET", path, null, "Authorization", "Bearer " + TOKEN + "x"), 401, "Bearer");
            assertError(node.send("GET", path, null, "Authorization", "bearer " + TOKEN), 401, "Bearer");
            assertThat(node.send("GET", path, null, "Authorization", "Bearer " + TOKEN).statusCode()).as(path).isEqualTo(200);
        }
        assertError(node.send("POST", "/api/v1/states", "{\"name\":\"x\"}", "Content-Type", "application/json"), 401, "Bearer");
    }

    @Test
    void withoutTokenNothingAsksForOne() throws Exception {
        open(null);
        assertThat(node.get("/api/v1/states").statusCode()).isEqualTo(200);
        assertThat(node.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void statesListCreateShowDelete() throws Exception {
        open(TOKEN);
        Seeds.send(node.core.sink(), Seeds.baseline(), "QA_PRE", TransferSyntax.IMPLICIT_LE);

        JsonNode states = TestNode.json(node.get("/api/v1/states")).path("items");
        assertThat(states).hasSize(1);
        JsonNode pre = states.get(0);
        assertThat(pre.path("name").asText()).isEqualTo("pre");
        assertThat(pre.path("instances").asLong()).isEqualTo(Seeds.SPEC.objects());
        assertThat(pre.path("receiving").asBoolean()).isFalse();
        List<String> classes = new ArrayList<>();
        pre.path("bySopClass").forEach(c -> classes.add(c.path("sopClassUid").asText() + "=" + c.path("count").asLong()));
        assertThat(classes).containsExactly(UIDs.RTBeamsTreatmentRecordStorage + "=4", UIDs.RTPlanStorage + "=2");
        assertThat(pre.path("bySopClass").get(1).path("name").asText()).isEqualTo("RT Plan Storage");

        HttpResponse<String> created = node.send("POST", "/api/v1/states", "{\"name\":\"sweep-2026-11-23\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("location")).hasValue("/api/v1/states/sweep-2026-11-23");
        assertThat(TestNode.json(created).path("instances").asLong()).isZero();
        assertError(node.send("POST", "/api/v1/states", "{\"name\":\"sweep-2026-11-23\"}"), 409, "already exists");
        assertError(node.send("POST", "/api/v1/states", "{\"name\":\"../etc\"}"), 400, "invalid state name");
        assertError(node.send("POST", "/api/v1/states", "{\"name\":"), 400, "invalid JSON");
        assertError(node.send("POST", "/api/v1/states", "{\"nom\":\"x\"}"), 400, "unknown field 'nom'");
        assertError(node.send("POST", "/api/v1/states", "{}"), 400, "field 'name' is required");
        assertError(node.send("POST", "/api/v1/states", ""), 400, "JSON body is required");
        assertError(node.send("POST", "/api/v1/states", "[1,2]"), 400, "invalid JSON");

        assertThat(TestNode.json(node.get("/api/v1/states/pre")).path("instances").asLong()).isEqualTo(6);
        assertError(node.get("/api/v1/states/nope"), 404, "no state 'nope'");
        assertThat(node.send("DELETE", "/api/v1/states/sweep-2026-11-23", null).statusCode()).isEqualTo(204);
        assertError(node.send("DELETE", "/api/v1/states/sweep-2026-11-23", null), 404, "no state");
        assertThat(TestNode.json(node.get("/api/v1/states")).path("items")).hasSize(1);
    }

    @Test
    void instancesFilterAndPage() throws Exception {
        open(null);
        Seeds.send(node.core.sink(), Seeds.baseline(), "QA_PRE", TransferSyntax.IMPLICIT_LE);

        JsonNode all = TestNode.json(node.get("/api/v1/states/pre/instances"));
        assertThat(all.path("total").asLong()).isEqualTo(6);
        assertThat(all.path("items")).hasSize(6);
        JsonNode first = all.path("items").get(0);
        assertThat(first.path("sopInstanceUid").asText()).isNotEmpty();
        assertThat(first.path("sha256").asText()).hasSize(64);
        assertThat(first.path("callingAeTitle").asText()).isEqualTo("ARIA");
        assertThat(first.path("integrity").asText()).isEqualTo("OK");

        JsonNode plans = TestNode.json(node.get("/api/v1/states/pre/instances?modality=RTPLAN"));
        assertThat(plans.path("total").asLong()).isEqualTo(2);
        JsonNode patient = TestNode.json(node.get("/api/v1/states/pre/instances?patientId="
                + Seeds.baseline().get(0).getString(Tags.PatientID) + "&sopClassUid=" + UIDs.RTBeamsTreatmentRecordStorage));
        assertThat(patient.path("total").asLong()).isEqualTo(2);

        Set<String> seen = new TreeSet<>();
        for (int offset = 0; offset < 6; offset += 4) {
            JsonNode page = TestNode.json(node.get("/api/v1/states/pre/instances?limit=4&offset=" + offset));
            assertThat(page.path("total").asLong()).isEqualTo(6);
            assertThat(page.path("limit").asInt()).isEqualTo(4);
            page.path("items").forEach(i -> seen.add(i.path("sopInstanceUid").asText()));
        }
        assertThat(seen).hasSize(6);

        assertError(node.get("/api/v1/states/pre/instances?limit=0"), 400, "'limit' must be 1..10000");
        assertError(node.get("/api/v1/states/pre/instances?offset=x"), 400, "'offset' must be an integer");
        assertError(node.get("/api/v1/states/pre/instances?history=maybe"), 400, "'history'");
        assertError(node.get("/api/v1/states/pre/instances?limit=1&limit=2"), 400, "given 2 times");
        assertError(node.get("/api/v1/states/post/instances"), 404, "no state 'post'");
    }

    @Test
    void receivingStatePicksTheStateOfUnmappedAeTitlesAndSurvivesRestart() throws Exception {
        open(TOKEN);
        assertThat(TestNode.json(node.get("/api/v1/receiving-state")).path("state").asText()).isEqualTo("inbox");
        List<Dataset> objects = StateGenerator.patientObjects(Seeds.SPEC, 1);
        assertThat(SinkFeeder.send(node.core.sink(), objects.get(0), TransferSyntax.EXPLICIT_LE, "ARIA", "QANODE"))
                .isEqualTo(DimseStatus.SUCCESS);
        assertThat(node.store.state("inbox").orElseThrow().instances()).isEqualTo(1);

        HttpResponse<String> put = node.send("PUT", "/api/v1/receiving-state", "{\"state\":\"sweep-1\"}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(TestNode.json(put).path("state").asText()).isEqualTo("sweep-1");
        assertThat(TestNode.json(node.get("/api/v1/states/sweep-1")).path("receiving").asBoolean()).isTrue();
        assertError(node.send("PUT", "/api/v1/receiving-state", "{\"state\":\"a b\"}"), 400, "invalid state name");
        assertError(node.send("PUT", "/api/v1/receiving-state", "{\"state\":null}"), 400, "'state' is required");

        node = node.restart();
        assertThat(TestNode.json(node.get("/api/v1/receiving-state")).path("state").asText()).isEqualTo("sweep-1");
        assertThat(SinkFeeder.send(node.core.sink(), objects.get(1), TransferSyntax.EXPLICIT_LE, "ARIA", "SOMEONE"))
                .isEqualTo(DimseStatus.SUCCESS);
        assertThat(SinkFeeder.send(node.core.sink(), objects.get(2), TransferSyntax.EXPLICIT_LE, "ARIA", "QA_POST"))
                .isEqualTo(DimseStatus.SUCCESS);
        assertThat(node.store.state("sweep-1").orElseThrow().instances()).isEqualTo(1);
        assertThat(node.store.state("post").orElseThrow().instances()).isEqualTo(1);
    }

    @Test
    void oversizedBodiesAre413WithJsonAndTheConnectionStaysUsable() throws Exception {
        open(null);
        String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertError(node.send("POST", "/api/v1/states", big), 413, "limited to 65536 bytes");
        assertThat(node.get("/api/v1/states").statusCode()).isEqualTo(200);
        assertError(node.send("PUT", "/api/v1/receiving-state", big), 413, "http.maxBodyBytes");
    }

    @Test
    void unknownPathsAndMethodsGetJsonErrors() throws Exception {
        open(null);
        assertError(node.get("/api/v1/nothing"), 404, "no resource at /api/v1/nothing");
        assertError(node.get("/"), 404, "no resource");
        HttpResponse<String> wrong = node.send("PATCH", "/api/v1/states", "{}");
        assertError(wrong, 405, "PATCH is not supported");
        assertThat(wrong.headers().firstValue("allow")).hasValue("GET, POST");
        assertError(node.get("/api/v1/comparisons/../../etc/passwd"), 404, "");
    }

    @Test
    void metricsCountWhatWasStored() throws Exception {
        open(null);
        Seeds.send(node.core.sink(), Seeds.baseline(), "QA_PRE", TransferSyntax.IMPLICIT_LE);
        Dataset bad = StateGenerator.patientObjects(Seeds.SPEC, 1).get(0);
        bad.setString(Tags.SOPInstanceUID, org.qanode.dicom.VR.UI, "../../x");
        assertThat(SinkFeeder.send(node.core.sink(), bad, TransferSyntax.IMPLICIT_LE, "ARIA", "QA_PRE")).isEqualTo(0x0117);

        HttpResponse<String> r = node.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        String m = r.body();
        assertThat(m).contains("# TYPE qanode_objects_received_total counter")
                .contains("qanode_objects_received_total{sop_class=\"" + UIDs.RTPlanStorage + "\"} 2")
                .contains("qanode_objects_received_total{sop_class=\"" + UIDs.RTBeamsTreatmentRecordStorage + "\"} 4")
                .contains("qanode_store_failures_total{status=\"0117\"} 1")
                .contains("qanode_cstore_duration_seconds_count 7")
                .contains("qanode_cstore_duration_seconds_bucket{le=\"+Inf\"} 7")
                .contains("# TYPE qanode_associations_rejected_total counter")
                .contains("qanode_webhook_outbox_pending 0")
                .contains("qanode_comparisons_waiting 0");
        assertThat(m).containsPattern("qanode_bytes_received_total\\{sop_class=\"" + UIDs.RTPlanStorage.replace(".", "\\.")
                + "\"} [1-9][0-9]*");
    }

    /** The OpenAPI document and the router's table list the same paths and methods, no more, no less. */
    @Test
    void openApiDocumentMatchesTheRouteTable() throws Exception {
        open(null);
        JsonNode doc = TestNode.json(node.get("/api/v1/openapi.json"));
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> methods = doc.path("paths").path(path).fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                documented.add(method.toUpperCase() + " " + path);
                JsonNode op = doc.path("paths").path(path).path(method);
                boolean open = op.has("security") && op.path("security").isEmpty();
                Route route = node.api.router().routes().stream()
                        .filter(rt -> rt.template().equals(path) && rt.method().equalsIgnoreCase(method))
                        .findFirst().orElse(null);
                if (route != null) {
                    assertThat(open).as("security of " + method + " " + path).isEqualTo(!route.authenticated());
                    assertThat(op.path("x-qanode-role").asText(null)).as("role of " + method + " " + path)
                            .isEqualTo(route.role() == null ? null : route.role().label());
                }
            }
        }
        Set<String> routed = new TreeSet<>();
        node.api.router().routes().forEach(rt -> routed.add(rt.method() + " " + rt.template()));
        assertThat(documented).isEqualTo(routed);
    }
}
