package org.qanode.api;

import org.qanode.node.ComparisonRepository;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.store.StateStore;

/**
 * A comparison over REST from request to reports: 202 and an id, QUEUED/RUNNING then DONE,
 * exactly the seeded differences, HTML and CSV, and everything still there after a restart.
 */
class ComparisonLifecycleTest {
    @TempDir
    Path dir;
    private TestNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private String create(String body) throws Exception {
        HttpResponse<String> r = node.send("POST", "/api/v1/comparisons", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode n = TestNode.json(r);
        String id = n.path("id").asText();
        assertThat(r.headers().firstValue("location")).hasValue("/api/v1/comparisons/" + id);
        assertThat(n.path("status").asText()).isEqualTo("QUEUED");
        return id;
    }

    @Test
    void lifecycleReportsExactlyTheSeededDifferencesAndSurvivesRestart() throws Exception {
        node = TestNode.start(dir, TestNode.options("t0ken", List.of(), 1 << 20));
        Seeds.fill(node.core.sink());

        String id = create("{\"baseline\":\"pre\",\"candidate\":\"post\"}");
        String early = TestNode.json(node.get("/api/v1/comparisons/" + id)).path("status").asText();
        assertThat(early).isIn("QUEUED", "RUNNING", "DONE");
        JsonNode result = node.awaitComparison(id);

        assertThat(result.path("status").asText()).isEqualTo("DONE");
        assertThat(result.path("id").asText()).isEqualTo(id);
        assertThat(result.path("baseline").asText()).isEqualTo("pre");
        assertThat(result.path("candidate").asText()).isEqualTo("post");
        assertThat(result.path("profile").asText()).isEqualTo("upgrade");
        JsonNode s = result.path("summary");
        assertThat(s.path("baselineObjects").asInt()).isEqualTo(6);
        assertThat(s.path("candidateObjects").asInt()).isEqualTo(6);
        assertThat(s.path("identical").asInt()).isEqualTo(4);
        assertThat(s.path("different").asInt()).isEqualTo(1);
        assertThat(s.path("onlyInBaseline").asInt()).isEqualTo(1);
        assertThat(s.path("onlyInCandidate").asInt()).isEqualTo(1);
        assertThat(s.path("unreadable").asInt()).isZero();

        List<String> found = new ArrayList<>();
        for (JsonNode p : result.path("pairs")) {
            switch (p.path("status").asText()) {
                case "DIFFERENT" -> p.path("differences").forEach(d -> found.add(p.path("sopInstanceUid").asText() + " "
                        + d.path("path").asText() + " " + d.path("baseline").asText() + " -> " + d.path("candidate").asText()));
                case "ONLY_IN_BASELINE", "ONLY_IN_CANDIDATE" ->
                        found.add(p.path("sopInstanceUid").asText() + " " + p.path("status").asText());
                default -> assertThat(p.path("status").asText()).isEqualTo("IDENTICAL");
            }
        }
        assertThat(found).containsExactlyInAnyOrder(
                Seeds.CHANGED_PLAN + " /RTPlanLabel VMAT1 -> VMAT1-NEW",
                Seeds.MISSING_RECORD + " ONLY_IN_BASELINE",
                Seeds.NEW_RECORD + " ONLY_IN_CANDIDATE");

        HttpResponse<String> html = node.get("/api/v1/comparisons/" + id + "?format=html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        assertThat(html.body()).contains("<html").contains("RTPlanLabel").contains("VMAT1-NEW");
        HttpResponse<String> csv = node.get("/api/v1/comparisons/" + id + "?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).contains("/RTPlanLabel").contains(Seeds.MISSING_RECORD);
        HttpResponse<String> rtCsv = node.get("/api/v1/comparisons/" + id + "?format=rt-csv");
        assertThat(rtCsv.statusCode()).isEqualTo(200);
        assertThat(rtCsv.headers().firstValue("content-type").orElseThrow()).startsWith("text/csv");
        assertThat(rtCsv.body()).contains("VMAT1").startsWith("patientId,planUid,planLabel,planStatus,beamNumber,beamName,"
                + "beamStatus,parameter,unit,baseline,candidate,changed").doesNotContain("FractionGroupSide", "null");
        HttpResponse<String> pdf = node.get("/api/v1/comparisons/" + id + "?format=pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("content-type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF-");
        // the same format names over REST as in the CLI (issue 13)
        HttpResponse<String> text = node.get("/api/v1/comparisons/" + id + "?format=text");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
        assertThat(text.body()).startsWith("DIFFERENT").doesNotContain("null");

        JsonNode listed = TestNode.json(node.get("/api/v1/comparisons")).path("items").get(0);
        assertThat(listed.path("id").asText()).isEqualTo(id);
        assertThat(listed.path("different").asInt()).isEqualTo(1);
        assertThat(listed.path("severity").asText()).isEqualTo("ALERT");

        String before = node.get("/api/v1/comparisons/" + id).body();
        node = node.restart();
        assertThat(node.get("/api/v1/comparisons/" + id).body()).isEqualTo(before);
        assertThat(node.get("/api/v1/comparisons/" + id + "?format=html").body()).isEqualTo(html.body());
    }

    @Test
    void badRequestsAreRefusedWithTheReason() throws Exception {
        node = TestNode.start(dir, TestNode.options(null, List.of(), 1 << 20));
        node.store.createState("pre");
        assertError(node.send("POST", "/api/v1/comparisons", "{\"baseline\":\"pre\",\"candidate\":\"nope\"}"), 404,
                "no state 'nope'");
        assertError(node.send("POST", "/api/v1/comparisons", "{\"baseline\":\"pre\"}"), 400, "'candidate' is required");
        assertError(node.send("POST", "/api/v1/comparisons", "{\"baseline\":\"pre\",\"candidate\":\"pre\",\"profile\":\"nosuch\"}"),
                400, "no profile 'nosuch'");
        assertError(node.send("POST", "/api/v1/comparisons",
                "{\"baseline\":\"pre\",\"candidate\":\"pre\",\"profile\":\"/etc/passwd.yml\"}"), 400, "not a file");
        assertError(node.get("/api/v1/comparisons/" + UUID.randomUUID()), 404, "no comparison");
        assertError(node.get("/api/v1/comparisons/not-an-id"), 404, "no comparison");

        String id = create("{\"baseline\":\"pre\",\"candidate\":\"pre\",\"profile\":\"strict\"}");
        JsonNode done = node.awaitComparison(id);
        assertThat(done.path("profile").asText()).isEqualTo("strict");
        assertThat(done.path("summary").path("paired").asInt()).isZero();
        assertError(node.get("/api/v1/comparisons/" + id + "?format=xml"), 400, "unknown report format 'xml'");
        assertThat(node.get("/api/v1/comparisons/" + id + "?format=text").body()).startsWith("IDENTICAL, NONE");
    }

    /** A comparison accepted (202) but not run when the node stopped runs on the next start. */
    @Test
    void queuedComparisonsRunAfterRestart() throws Exception {
        String id = UUID.randomUUID().toString();
        try (StateStore store = StateStore.open(dir, StateStore.defaultIndexUrl(dir))) {
            store.createState("pre");
            store.createState("post");
            ComparisonRepository repo = new ComparisonRepository(store.index());
            repo.insert(id, "pre", "post", "upgrade");
            repo.markRunning(id);
        }
        node = TestNode.start(dir, TestNode.options(null, List.of(), 1 << 20));
        JsonNode done = node.awaitComparison(id);
        assertThat(done.path("status").asText()).isEqualTo("DONE");
        assertThat(done.path("summary").path("baselineObjects").asInt()).isZero();
    }

    private static void assertError(HttpResponse<String> r, int status, String detailPart) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode n = TestNode.json(r);
        assertThat(n.path("error").asText()).isNotEmpty();
        assertThat(n.path("detail").asText()).contains(detailPart);
    }
}
