package org.qanode.qarecord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.compare.PairResult;
import org.qanode.compare.PairStatus;
import org.qanode.compare.Severity;
import org.qanode.compare.Summary;
import org.qanode.result.ComparisonResult;
import org.qanode.store.IndexDatabase;
import org.qanode.store.StateStore;
import org.qanode.webhook.OutboxChannel;
import org.qanode.webhook.OutboxEntry;

/**
 * An attachment Redmine refuses (422, as for a file above its "Maximum attachment size") does not
 * keep the issue from being opened: the issue goes without it and says so. Against a scripted
 * Redmine (the real one is RedmineRecordTest's; its size limit is global to the shared instance).
 */
class RedmineRefusedAttachmentTest {
    @TempDir
    Path dir;

    @Test
    void anOversizedReportIsNamedInsteadOfAttached() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        List<JsonNode> issues = new CopyOnWriteArrayList<>();
        HttpServer redmine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        redmine.createContext("/", x -> {
            String call = x.getRequestMethod() + " " + x.getRequestURI();
            calls.add(call + " key=" + "k-123".equals(x.getRequestHeaders().getFirst("X-Redmine-API-Key")));
            byte[] body = x.getRequestBody().readAllBytes();
            if (call.startsWith("GET /issues.json")) {
                send(x, 200, "{\"issues\":[],\"total_count\":0}");
            } else if (call.equals("GET /trackers.json")) {
                send(x, 200, "{\"trackers\":[{\"id\":1,\"name\":\"Bug\"}]}");
            } else if (call.startsWith("POST /uploads.json") && call.contains(".html")) {
                send(x, 422, "{\"errors\":[\"This file cannot be uploaded because it exceeds the maximum allowed file size (5 KB)\"]}");
            } else if (call.startsWith("POST /uploads.json")) {
                send(x, 201, "{\"upload\":{\"id\":3,\"token\":\"3.abc\"}}");
            } else if (call.equals("POST /issues.json")) {
                issues.add(JsonHttp.MAPPER.readTree(body).path("issue"));
                send(x, 201, "{\"issue\":{\"id\":7}}");
            } else {
                send(x, 404, "");
            }
        });
        redmine.start();
        try (IndexDatabase db = IndexDatabase.open(StateStore.defaultIndexUrl(dir))) {
            String url = "http://127.0.0.1:" + redmine.getAddress().getPort();
            RedmineChannel channel = new RedmineChannel(new RedmineSettings(url, "k-123", "linac-qa", "Bug",
                    Severity.ALERT, Map.of()), new QaRecordLinks(db), id -> result(id), Duration.ofSeconds(5));
            String event = "{\"event\":\"comparison.finished\",\"id\":\"c-1\",\"status\":\"DONE\",\"severity\":\"ALERT\"}";
            assertThat(channel.wants("comparison.finished", event.getBytes(StandardCharsets.UTF_8))).isTrue();
            OutboxChannel.Attempt a = channel.deliver(new OutboxEntry(1, "redmine", url, "comparison.finished",
                    "PENDING", 0, null, null, null, null, null, event, ""));
            assertThat(a.delivered()).as(String.valueOf(a.error())).isTrue();
            assertThat(issues).hasSize(1);
            JsonNode issue = issues.get(0);
            assertThat(issue.path("uploads")).hasSize(1);
            assertThat(issue.path("uploads").get(0).path("filename").asText()).isEqualTo("comparison-c-1.csv");
            assertThat(issue.path("description").asText()).contains("Attached: comparison-c-1.csv.")
                    .contains("Not attached, refused by Redmine: comparison-c-1.html (")
                    .contains("exceeds the maximum allowed file size");
            assertThat(new QaRecordLinks(db).get("redmine", "c-1")).hasValue("7");
            assertThat(calls).allSatisfy(c -> assertThat(c).endsWith("key=true"));
        } finally {
            redmine.stop(0);
        }
    }

    private static ComparisonResult result(String id) {
        PairResult changed = new PairResult("1.2.3", "1.2.840.10008.5.1.4.1.1.481.5", "RT Plan Storage", "P1",
                PairStatus.DIFFERENT, "SOPInstanceUID", Severity.ALERT, "a.dcm", "a.dcm", null, List.of(), List.of());
        List<PairResult> pairs = List.of(changed);
        return new ComparisonResult(id, "DONE", null, "pre", "post", "upgrade", "2026-12-02T10:00:00Z",
                "2026-12-02T10:01:00Z", Summary.of(pairs), List.of(), pairs);
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        x.getResponseBody().write(b);
        x.close();
    }
}
