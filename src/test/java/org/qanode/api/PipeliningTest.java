package org.qanode.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/1.1 pipelining (RFC 9112 9.3.2): responses go out in the order of the requests on one
 * connection, and {@code Connection: close} takes effect after the response that carried it.
 * Before issue 11 the worker pool answered pipelined requests in the order they finished, so a
 * client could read one comparison's result as another's.
 */
class PipeliningTest {
    private static final int REQUESTS = 20;
    private static final int POSTS = 6;
    /** One round had a 65 % chance to come out wrong before the fix; ten make a miss negligible. */
    private static final int ROUNDS = 10;

    @TempDir
    Path dir;
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, TestNode.options(null, List.of(), 64 * 1024));
        for (int i = 0; i < REQUESTS; i += 2) {
            assertThat(node.send("POST", "/api/v1/states", "{\"name\":\"p" + i + "\"}").statusCode()).isEqualTo(201);
        }
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /** Request i asks for a resource whose response names i: a state (200) or an unknown path (404). */
    private static String path(int i) {
        return i % 2 == 0 ? "/api/v1/states/p" + i : "/api/v1/nothing-" + i;
    }

    private static void assertAnswers(RawHttp.Response r, int i) {
        assertThat(r).as("response %d", i).isNotNull();
        if (i % 2 == 0) {
            assertThat(r.status()).as("response %d: %s", i, r.body()).isEqualTo(200);
            assertThat(r.body()).as("response %d", i).contains("\"name\":\"p" + i + "\"");
        } else {
            assertThat(r.status()).as("response %d: %s", i, r.body()).isEqualTo(404);
            assertThat(r.body()).as("response %d", i).contains("/api/v1/nothing-" + i + "\"");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < REQUESTS; i++) {
                all.append(RawHttp.get(path(i)));
            }
            try (RawHttp c = new RawHttp(node.api.port())) {
                c.write(all.toString());
                for (int i = 0; i < REQUESTS; i++) {
                    RawHttp.Response r = c.read();
                    assertAnswers(r, i);
                    assertThat(r.headers().get("connection")).isEqualToIgnoringCase("keep-alive");
                }
                // and the connection is still usable afterwards
                c.write(RawHttp.get(path(0)));
                assertAnswers(c.read(), 0);
            }
        }
    }

    @Test
    void connectionCloseOnTheLastPipelinedRequestComesAfterAllEarlierResponses() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < REQUESTS - 1; i++) {
                all.append(RawHttp.get(path(i)));
            }
            all.append(RawHttp.get(path(REQUESTS - 1), "Connection: close"));
            // a request after the one that closed: never to be answered
            all.append(RawHttp.get(path(0)));
            try (RawHttp c = new RawHttp(node.api.port())) {
                c.write(all.toString());
                List<RawHttp.Response> got = new ArrayList<>();
                for (RawHttp.Response r = c.read(); r != null; r = c.read()) {
                    got.add(r);
                }
                assertThat(got).as("responses before the server closed").hasSize(REQUESTS);
                for (int i = 0; i < REQUESTS; i++) {
                    assertAnswers(got.get(i), i);
                }
                assertThat(got.get(REQUESTS - 1).headers().get("connection")).isEqualToIgnoringCase("close");
            }
        }
    }

    @Test
    void pipelinedPostsAreAnsweredInOrderToo() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < POSTS; i++) {
            String body = "{\"name\":\"q" + i + "\"}";
            all.append("POST /api/v1/states HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n")
                    .append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        }
        try (RawHttp c = new RawHttp(node.api.port())) {
            c.write(all.toString());
            for (int i = 0; i < POSTS; i++) {
                RawHttp.Response r = c.read();
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                assertThat(r.body()).contains("\"name\":\"q" + i + "\"");
            }
        }
    }
}
