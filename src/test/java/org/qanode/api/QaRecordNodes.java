package org.qanode.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.qanode.node.ResultFiles;
import org.qanode.qarecord.QaRecordLinks;
import org.qanode.qarecord.ResultSource;
import org.qanode.store.StateStore;
import org.qanode.webhook.OutboxChannel;

/** Test nodes with QA record channels, and waiting for their outbox rows. */
final class QaRecordNodes {
    private QaRecordNodes() {
    }

    interface ChannelFactory {
        OutboxChannel make(QaRecordLinks links, ResultSource results);
    }

    static TestNode start(Path dataDir, ChannelFactory factory) throws Exception {
        TestNode.Options base = TestNode.options(null, List.of(), 1 << 20);
        Function<StateStore, List<OutboxChannel>> channels = store -> {
            try {
                ResultFiles files = new ResultFiles(store.dataDir());
                return List.of(factory.make(new QaRecordLinks(store.index()), files::read));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return TestNode.start(dataDir, new TestNode.Options(base.http(), base.node(), channels));
    }

    /** Rows of the QA record outbox for one comparison's events, as GET /api/v1/qa/outbox lists them. */
    static List<JsonNode> rows(TestNode node, String channel) throws Exception {
        JsonNode items = TestNode.json(node.get("/api/v1/qa/outbox?channel=" + channel)).path("items");
        List<JsonNode> out = new java.util.ArrayList<>();
        items.forEach(out::add);
        return out;
    }

    /** Waits until every row of {@code channel} is DELIVERED and there are {@code count}; returns them. */
    static List<JsonNode> awaitDelivered(TestNode node, String channel, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> rows = List.of();
        while (System.nanoTime() < deadline) {
            rows = rows(node, channel);
            if (rows.size() == count && rows.stream().allMatch(r -> r.path("status").asText().equals("DELIVERED"))) {
                return rows;
            }
            Thread.sleep(100);
        }
        assertThat(rows).as("outbox rows of " + channel).hasSize(count)
                .allSatisfy(r -> assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("DELIVERED"));
        return rows;
    }

    static String compare(TestNode node, String baseline, String candidate) throws Exception {
        var r = node.send("POST", "/api/v1/comparisons", "{\"baseline\":\"" + baseline + "\",\"candidate\":\"" + candidate + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = TestNode.json(r).path("id").asText();
        assertThat(node.awaitComparison(id).path("status").asText()).isEqualTo("DONE");
        return id;
    }

    /** Forgets what the node remembered of a comparison's record (as if the answer to a create was lost). */
    static void forgetLinks(TestNode node) {
        try (var c = node.store.index().connection(); var s = c.createStatement()) {
            s.execute("DELETE FROM qa_record_links");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
