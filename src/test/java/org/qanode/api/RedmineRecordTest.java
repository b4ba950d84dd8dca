package org.qanode.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.qanode.compare.Severity;
import org.qanode.qarecord.RedmineChannel;
import org.qanode.qarecord.RedmineSettings;
import org.qanode.ui.Browser;
import org.qanode.webhook.OutboxChannel;
import org.qanode.webhook.OutboxEntry;

/**
 * Issue 15, Redmine for real (Debian's packages, started once for the class): an ALERT
 * comparison opens one issue with the HTML report and the CSV attached, a sweep and a sign-off
 * add notes (status mapped), a forced retry with the node's memory lost makes no second issue,
 * an identical comparison opens none, and while Redmine is down the issue waits in the outbox,
 * across a node restart. Screenshots of the issue go to target/ui-screenshots/ (docs/images/).
 */
@Tag("redmine")
class RedmineRecordTest {
    static RedmineServer redmine;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;
    TestNode node;
    ForwardingProxy proxy;

    @BeforeAll
    static void startRedmine() throws Exception {
        redmine = RedmineServer.start();
    }

    @AfterAll
    static void stopRedmine() {
        if (redmine != null) {
            redmine.close();
        }
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private RedmineSettings settings(String url, String key) {
        return new RedmineSettings(url, key, redmine.project, "Bug", Severity.ALERT,
                Map.of("ACCEPTED", "Resolved", "REJECTED", "Feedback"));
    }

    private void start(RedmineSettings s) throws Exception {
        node = QaRecordNodes.start(dir, (links, results) -> new RedmineChannel(s, links, results, Duration.ofSeconds(30)));
        Seeds.fill(node.core.sink());
    }

    static JsonNode redmineGet(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(redmine.url() + path))
                .header("X-Redmine-API-Key", redmine.apiKey).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return ApiJson.MAPPER.readTree(r.body());
    }

    static byte[] redmineBytes(String url) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("X-Redmine-API-Key", redmine.apiKey).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The project's issues whose subject carries the comparison id, in any status. */
    static JsonNode issuesOf(String comparisonId) throws Exception {
        return redmineGet("/issues.json?project_id=" + redmine.project + "&status_id=*&subject="
                + URLEncoder.encode("~" + comparisonId, StandardCharsets.UTF_8)).path("issues");
    }

    @Test
    void anAlertComparisonOpensOneIssueWithItsReportsAndNotes() throws Exception {
        start(settings(redmine.url(), redmine.apiKey));
        String id = QaRecordNodes.compare(node, "pre", "post");
        assertThat(TestNode.json(node.get("/api/v1/comparisons/" + id)).path("severity").asText()).isEqualTo("ALERT");
        QaRecordNodes.awaitDelivered(node, "redmine", 1, Duration.ofSeconds(120));

        JsonNode found = issuesOf(id);
        assertThat(found).hasSize(1);
        int issueId = found.get(0).path("id").asInt();
        JsonNode issue = redmineGet("/issues/" + issueId + ".json?include=attachments,journals").path("issue");
        assertThat(issue.path("tracker").path("name").asText()).isEqualTo("Bug");
        assertThat(issue.path("subject").asText()).isEqualTo("qanode ALERT: pre -> post DIFFERENT [comparison " + id + "]");
        assertThat(issue.path("description").asText()).contains("qanode comparison " + id)
                .contains("Verdict: DIFFERENT, worst severity ALERT.")
                .contains("1 only in baseline, 1 only in candidate")
                .contains("Worst differences, by patient and object:")
                .contains("/ui/comparisons/" + id);
        Map<String, JsonNode> attachments = new java.util.HashMap<>();
        issue.path("attachments").forEach(a -> attachments.put(a.path("filename").asText(), a));
        assertThat(attachments).containsOnlyKeys("comparison-" + id + ".html", "comparison-" + id + ".csv");
        assertThat(new String(redmineBytes(attachments.get("comparison-" + id + ".html").path("content_url").asText()),
                StandardCharsets.UTF_8)).isEqualTo(node.get("/api/v1/comparisons/" + id + "?format=html").body());
        assertThat(new String(redmineBytes(attachments.get("comparison-" + id + ".csv").path("content_url").asText()),
                StandardCharsets.UTF_8)).isEqualTo(node.get("/api/v1/comparisons/" + id + "?format=csv").body());
        screenshot(issueId, "redmine-issue", 1400);

        // a forced retry after the node lost what it knew (the answer to the create never came back)
        OutboxEntry row = node.core.outbox().list("redmine", null, 10).get(0);
        QaRecordNodes.forgetLinks(node);
        node.core.outbox().enqueue(row.event(), row.body().getBytes(StandardCharsets.UTF_8));
        QaRecordNodes.awaitDelivered(node, "redmine", 2, Duration.ofSeconds(120));
        assertThat(issuesOf(id)).hasSize(1);

        // the sweep whose comparison it was adds a note (as NodeEvents.sweepFinished writes it)
        String sweep = "{\"event\":\"sweep.finished\",\"id\":\"s-20261202-0200\",\"trigger\":\"schedule\",\"status\":\"DONE\","
                + "\"state\":\"post\",\"baseline\":\"pre\",\"alerts\":2,\"warnings\":0,\"infos\":1,\"comparison\":\"" + id + "\"}";
        node.core.outbox().enqueue("sweep.finished", sweep.getBytes(StandardCharsets.UTF_8));
        QaRecordNodes.awaitDelivered(node, "redmine", 3, Duration.ofSeconds(120));

        // sign-off in qanode: a note and the mapped status
        var r = node.send("POST", "/api/v1/comparisons/" + id + "/signoff",
                "{\"decision\":\"ACCEPTED\",\"comment\":\"Plan label change expected after the upgrade; record re-sent.\"}");
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        QaRecordNodes.awaitDelivered(node, "redmine", 4, Duration.ofSeconds(120));
        issue = redmineGet("/issues/" + issueId + ".json?include=journals").path("issue");
        assertThat(issue.path("status").path("name").asText()).isEqualTo("Resolved");
        StringBuilder notes = new StringBuilder();
        issue.path("journals").forEach(j -> notes.append(j.path("notes").asText()).append('\n'));
        assertThat(notes.toString()).contains("Sweep s-20261202-0200 (schedule) finished DONE: state post, 2 alert")
                .contains("Signed off in qanode: ACCEPTED by local")
                .contains("Plan label change expected after the upgrade");
        assertThat(issuesOf(id)).hasSize(1);
        screenshot(issueId, "redmine-issue-signed-off", 2000);
        assertThat(node.get("/metrics").body()).contains("qanode_qa_record_deliveries_total{system=\"redmine\"} 4.0");
    }

    @Test
    void anIdenticalComparisonOpensNoIssue() throws Exception {
        start(settings(redmine.url(), redmine.apiKey));
        String id = QaRecordNodes.compare(node, "pre", "pre");
        assertThat(TestNode.json(node.get("/api/v1/comparisons/" + id)).path("severity").asText()).isEqualTo("NONE");
        Thread.sleep(1000);
        assertThat(QaRecordNodes.rows(node, "redmine")).isEmpty();
        assertThat(issuesOf(id)).isEmpty();
    }

    @Test
    void whileRedmineIsDownTheIssueWaitsAcrossARestart() throws Exception {
        proxy = new ForwardingProxy(redmine.url());
        start(settings(proxy.url(), redmine.apiKey));
        String id = QaRecordNodes.compare(node, "pre", "post");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode row = null;
        while (System.nanoTime() < deadline) {
            var rows = QaRecordNodes.rows(node, "redmine");
            if (!rows.isEmpty() && rows.get(0).path("attempts").asInt() >= 2) {
                row = rows.get(0);
                break;
            }
            Thread.sleep(100);
        }
        assertThat(row).as("a failed, retried delivery").isNotNull();
        assertThat(row.path("status").asText()).isEqualTo("PENDING");
        assertThat(row.path("lastError").asText()).contains("ConnectException");
        assertThat(row.toString()).doesNotContain(redmine.apiKey);
        assertThat(issuesOf(id)).isEmpty();

        node = node.restart();
        proxy.open();
        QaRecordNodes.awaitDelivered(node, "redmine", 1, Duration.ofSeconds(120));
        assertThat(issuesOf(id)).hasSize(1);
    }

    /** Redmine configured after the comparison finished: its sign-off opens the issue, then notes it. */
    @Test
    void aSignoffOfAComparisonFromBeforeRedmineOpensTheIssue() throws Exception {
        node = TestNode.start(dir, TestNode.options(null, java.util.List.of(), 1 << 20));
        Seeds.fill(node.core.sink());
        String id = QaRecordNodes.compare(node, "pre", "post");
        node.close();
        node = null;
        RedmineSettings s = settings(redmine.url(), redmine.apiKey);
        node = QaRecordNodes.start(dir, (links, results) -> new RedmineChannel(s, links, results, Duration.ofSeconds(30)));
        assertThat(QaRecordNodes.rows(node, "redmine")).isEmpty();
        var r = node.send("POST", "/api/v1/comparisons/" + id + "/signoff", "{\"decision\":\"REJECTED\",\"comment\":\"Not expected.\"}");
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        QaRecordNodes.awaitDelivered(node, "redmine", 1, Duration.ofSeconds(120));
        JsonNode found = issuesOf(id);
        assertThat(found).hasSize(1);
        JsonNode issue = redmineGet("/issues/" + found.get(0).path("id").asInt() + ".json?include=journals").path("issue");
        assertThat(issue.path("status").path("name").asText()).isEqualTo("Feedback");
        assertThat(issue.path("journals").get(0).path("notes").asText()).startsWith("Signed off in qanode: REJECTED");
    }

    @Test
    void theConnectionTestNamesWhatIsWrong() throws Exception {
        assertThat(check(settings(redmine.url(), redmine.apiKey))).startsWith("redmine: OK, user admin, project "
                + redmine.project + ", tracker Bug");
        assertThat(check(settings(redmine.url(), "0000000000000000000000000000000000000000")))
                .isEqualTo("redmine: FAILED, API key refused (HTTP 401; check qa.redmine.apiKey and that the REST API "
                        + "is enabled in Administration, Settings, API)");
        assertThat(check(new RedmineSettings(redmine.url(), redmine.apiKey, "no-such-project", "Bug", Severity.ALERT,
                Map.of()))).isEqualTo("redmine: FAILED, project 'no-such-project' not found or not visible to admin "
                + "(qa.redmine.project)");
        assertThat(check(new RedmineSettings(redmine.url(), redmine.apiKey, redmine.project, "Incident", Severity.ALERT,
                Map.of()))).startsWith("redmine: FAILED, tracker 'Incident' not enabled in project");
        assertThat(check(new RedmineSettings(redmine.url(), redmine.apiKey, redmine.project, "Bug", Severity.ALERT,
                Map.of("ACCEPTED", "Done")))).isEqualTo("redmine: FAILED, no issue status 'Done' "
                + "(qa.redmine.signoffStatus.ACCEPTED)");
    }

    private static String check(RedmineSettings s) throws InterruptedException {
        OutboxChannel c = new RedmineChannel(s, null, null, Duration.ofSeconds(30));
        return c.check().line();
    }

    /** The issue page as a reader sees it (public project, anonymous), for docs/qa-record.md. */
    private static void screenshot(int issueId, String name, int height) throws Exception {
        try (Browser b = Browser.start()) {
            b.driver().manage().window().setSize(new Dimension(1280, height));
            b.driver().get(redmine.url() + "/issues/" + issueId);
            b.screenshot(name);
        }
    }
}
