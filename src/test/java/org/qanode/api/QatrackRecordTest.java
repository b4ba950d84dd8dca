package org.qanode.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.qarecord.QatrackChannel;
import org.qanode.qarecord.QatrackSettings;
import org.qanode.webhook.OutboxChannel;
import org.qanode.webhook.OutboxEntry;

/**
 * Issue 15, QATrack+: a mapped comparison becomes one test list instance (values, report
 * attachment, JSON result upload, user_key), never two, through the outbox; against
 * {@link QatrackStandIn}, which follows the QATrack+ sources.
 */
class QatrackRecordTest {
    static final Map<String, String> TESTS = Map.of("qanode_identical", "identical", "qanode_objects", "objects",
            "qanode_differences", "differences", "qanode_alerts", "alerts", "qanode_missing", "missing",
            "qanode_summary", "summary", "qanode_result", "result");

    @TempDir
    Path dir;
    QatrackStandIn qatrack;
    TestNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (qatrack != null) {
            qatrack.close();
        }
    }

    private QatrackSettings settings(String token, String header, String unit) {
        return new QatrackSettings(qatrack.root(), token, header, TESTS, List.of(
                new QatrackSettings.Mapping("pre", "post", false, unit, QatrackStandIn.TEST_LIST)));
    }

    private void start(QatrackSettings s) throws Exception {
        node = QaRecordNodes.start(dir, (links, results) -> new QatrackChannel(s, links, results, Duration.ofSeconds(5)));
        Seeds.fill(node.core.sink());
    }

    @Test
    void aMappedComparisonBecomesOneTestListInstance() throws Exception {
        qatrack = new QatrackStandIn("Authorization");
        start(settings(QatrackStandIn.TOKEN, "Authorization", QatrackStandIn.UNIT));
        String id = QaRecordNodes.compare(node, "pre", "post");
        QaRecordNodes.awaitDelivered(node, "qatrack", 1, Duration.ofSeconds(30));

        assertThat(qatrack.instances).hasSize(1);
        JsonNode i = qatrack.instances.get(0);
        assertThat(i.path("user_key").asText()).isEqualTo(id);
        JsonNode tests = i.path("tests");
        JsonNode result = TestNode.json(node.get("/api/v1/comparisons/" + id));
        assertThat(tests.path("qanode_identical").path("value").asBoolean()).isFalse();
        assertThat(tests.path("qanode_objects").path("value").asInt()).isEqualTo(result.path("pairs").size());
        assertThat(tests.path("qanode_missing").path("value").asInt())
                .isEqualTo(result.path("summary").path("onlyInBaseline").asInt()).isEqualTo(1);
        assertThat(tests.path("qanode_differences").path("value").asInt()).isPositive();
        assertThat(tests.path("qanode_summary").path("value").asText()).startsWith("pre -> post: DIFFERENT");
        // a test of the list qanode has no value for goes skipped
        assertThat(tests.path("physicist_initials").path("skipped").asBoolean()).isTrue();
        // the JSON result as an upload test, the HTML report as an attachment, both base64
        assertThat(tests.path("qanode_result").path("filename").asText()).isEqualTo("comparison-" + id + ".json");
        JsonNode uploaded = ApiJson.MAPPER.readTree(QatrackStandIn.decode(tests.path("qanode_result").path("value")));
        assertThat(uploaded.path("id").asText()).isEqualTo(id);
        JsonNode attachment = i.path("attachments").get(0);
        assertThat(attachment.path("filename").asText()).isEqualTo("comparison-" + id + ".html");
        assertThat(new String(QatrackStandIn.decode(attachment.path("value")), StandardCharsets.UTF_8))
                .isEqualTo(node.get("/api/v1/comparisons/" + id + "?format=html").body());

        // forced retry with the node's memory lost: found by user_key, not posted again
        OutboxEntry row = node.core.outbox().list("qatrack", null, 10).get(0);
        QaRecordNodes.forgetLinks(node);
        node.core.outbox().enqueue(row.event(), row.body().getBytes(StandardCharsets.UTF_8));
        QaRecordNodes.awaitDelivered(node, "qatrack", 2, Duration.ofSeconds(30));
        assertThat(qatrack.instances).hasSize(1);
        assertThat(qatrack.posts).hasSize(1);
    }

    @Test
    void anUnmappedComparisonIsNotRecorded() throws Exception {
        qatrack = new QatrackStandIn("Authorization");
        start(settings(QatrackStandIn.TOKEN, "Authorization", QatrackStandIn.UNIT));
        QaRecordNodes.compare(node, "post", "pre");
        Thread.sleep(500);
        assertThat(QaRecordNodes.rows(node, "qatrack")).isEmpty();
        assertThat(qatrack.posts).isEmpty();
    }

    /** serializers.py: "Missing data for tests: ..." names tests the post lacked; qanode sends them skipped, once. */
    @Test
    void aTestMissingFromThePostIsSentSkippedOnce() throws Exception {
        qatrack = new QatrackStandIn("Authorization");
        qatrack.unlisted.add("added_after_lookup");
        start(settings(QatrackStandIn.TOKEN, "Authorization", QatrackStandIn.UNIT));
        QaRecordNodes.compare(node, "pre", "post");
        QaRecordNodes.awaitDelivered(node, "qatrack", 1, Duration.ofSeconds(30));
        assertThat(qatrack.posts).hasSize(2);
        assertThat(qatrack.instances.get(0).path("tests").path("added_after_lookup").path("skipped").asBoolean()).isTrue();
    }

    /** A refused token leaves the row PENDING with the status, retried; the token appears nowhere. */
    @Test
    void aRefusedTokenIsRetriedAndNeverShown() throws Exception {
        qatrack = new QatrackStandIn("Authorization");
        String wrong = "0000000000000000000000000000000000000000";
        start(settings(wrong, "Authorization", QatrackStandIn.UNIT));
        QaRecordNodes.compare(node, "pre", "post");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode row = null;
        while (System.nanoTime() < deadline) {
            List<JsonNode> rows = QaRecordNodes.rows(node, "qatrack");
            if (!rows.isEmpty() && rows.get(0).path("attempts").asInt() >= 2) {
                row = rows.get(0);
                break;
            }
            Thread.sleep(100);
        }
        assertThat(row).isNotNull();
        assertThat(row.path("status").asText()).isEqualTo("PENDING");
        assertThat(row.path("lastStatus").asInt()).isEqualTo(401);
        assertThat(row.toString()).doesNotContain(wrong);
        assertThat(node.get("/metrics").body()).contains("qanode_qa_record_failures_total{system=\"qatrack\"}")
                .contains("qanode_qa_record_outbox_pending 1");
        assertThat(qatrack.instances).isEmpty();
    }

    /** qanode qa test's checks, over REST: one line naming what is wrong. */
    @Test
    void theConnectionTestNamesWhatIsWrong() throws Exception {
        qatrack = new QatrackStandIn("X-QATrack-Authorization");
        OutboxChannel.Check ok = new QatrackChannel(settings(QatrackStandIn.TOKEN, "X-QATrack-Authorization",
                QatrackStandIn.UNIT), null, null, Duration.ofSeconds(5)).check();
        assertThat(ok.ok()).as(ok.line()).isTrue();
        assertThat(check(settings(QatrackStandIn.TOKEN, "Authorization", QatrackStandIn.UNIT)))
                .isEqualTo("qatrack: FAILED, token refused (HTTP 401; check qa.qatrack.token and qa.qatrack.authHeader)");
        assertThat(check(settings("nope", "X-QATrack-Authorization", QatrackStandIn.UNIT))).contains("token refused");
        assertThat(check(settings(QatrackStandIn.TOKEN, "X-QATrack-Authorization", "Halcyon 2"))).isEqualTo(
                "qatrack: FAILED, no test list 'qanode upgrade check' assigned to unit 'Halcyon 2' (qa.qatrack.mappings)");

        start(settings(QatrackStandIn.TOKEN, "X-QATrack-Authorization", "Halcyon 2"));
        var r = node.send("POST", "/api/v1/qa/test", null);
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(TestNode.json(r).path("items").get(0).path("message").asText()).startsWith("no test list");
        assertThat(r.body()).doesNotContain(QatrackStandIn.TOKEN);
    }

    private String check(QatrackSettings s) throws InterruptedException {
        return new QatrackChannel(s, null, null, Duration.ofSeconds(5)).check().line();
    }
}
