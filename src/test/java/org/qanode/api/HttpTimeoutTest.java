package org.qanode.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.qanode.metrics.NodeMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an idle or half-sent HTTP connection may hold (issue 11): real sockets against a real
 * server with short time-outs. Before the fix such connections stayed open forever.
 */
class HttpTimeoutTest {
    private static final long HEADER_MS = 600;
    private static final long IDLE_MS = 2500;

    private ApiServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A server with a fast route, a slow one and one that echoes a POST body's length. */
    private ApiServer start(long headerMs, long idleMs) throws Exception {
        List<Route> routes = List.of(
                new Route("GET", "/fast", false, r -> ApiResponse.json(200, Map.of("ok", true))),
                new Route("GET", "/sleep/{ms}", false, r -> {
                    Thread.sleep(Long.parseLong(r.pathParam("ms")));
                    return ApiResponse.json(200, Map.of("slept", r.pathParam("ms")));
                }),
                new Route("POST", "/echo", false, r -> ApiResponse.json(200, Map.of("bytes", r.body().length))));
        server = ApiServer.start("127.0.0.1", 0, 64 * 1024, headerMs, idleMs, new Router(routes, (String) null, new NodeMetrics()));
        return server;
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheHeaderTimeout() throws Exception {
        start(HEADER_MS, IDLE_MS);
        try (RawHttp c = new RawHttp(server.port())) {
            long t0 = System.nanoTime();
            assertThat(c.closedWithin(10_000)).as("closed by the server").isTrue();
            assertThat(millisSince(t0)).isBetween(HEADER_MS - 100, IDLE_MS - 500);
        }
    }

    @Test
    void headersTrickledByteByByteGet408AtTheHeaderDeadline() throws Exception {
        start(HEADER_MS, IDLE_MS);
        try (RawHttp c = new RawHttp(server.port())) {
            long t0 = System.nanoTime();
            c.write("GET /fast HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
            // a byte every 100 ms keeps a read-idle timer from ever firing; the header deadline does not move
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 40; i++) {
                        Thread.sleep(100);
                        c.write("a");
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed: expected
                }
            });
            writer.setDaemon(true);
            writer.start();
            RawHttp.Response r = c.read();
            long at = millisSince(t0);
            assertThat(r).isNotNull();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.headers().get("connection")).isEqualToIgnoringCase("close");
            assertThat(r.body()).contains("http.headerTimeoutSeconds");
            assertThat(at).isBetween(HEADER_MS - 100, IDLE_MS - 500);
            assertThat(c.closedWithin(5_000)).isTrue();
            writer.interrupt();
        }
    }

    @Test
    void aKeptAliveConnectionMayIdleLongerThanTheHeaderTimeoutButNotLongerThanTheIdleTimeout() throws Exception {
        start(HEADER_MS, IDLE_MS);
        try (RawHttp c = new RawHttp(server.port())) {
            c.write(RawHttp.get("/fast"));
            assertThat(c.read().status()).isEqualTo(200);
            assertThat(c.closedWithin(2 * HEADER_MS)).as("closed at the header time-out while idle").isFalse();
            c.write(RawHttp.get("/fast"));
            assertThat(c.read().status()).isEqualTo(200);
            long t0 = System.nanoTime();
            assertThat(c.closedWithin(IDLE_MS + 5_000)).as("closed after the idle time-out").isTrue();
            assertThat(millisSince(t0)).isGreaterThanOrEqualTo(IDLE_MS - 100);
        }
    }

    @Test
    void theNextRequestsHeadersHaveTheHeaderTimeoutFromTheirFirstByte() throws Exception {
        start(HEADER_MS, IDLE_MS);
        try (RawHttp c = new RawHttp(server.port())) {
            c.write(RawHttp.get("/fast"));
            assertThat(c.read().status()).isEqualTo(200);
            long t0 = System.nanoTime();
            c.write("GET /fast HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(millisSince(t0)).isBetween(HEADER_MS - 100, IDLE_MS - 500);
            assertThat(c.closedWithin(5_000)).isTrue();
        }
    }

    @Test
    void aStalledBodyGets408AfterTheIdleTimeout() throws Exception {
        start(HEADER_MS, IDLE_MS);
        try (RawHttp c = new RawHttp(server.port())) {
            long t0 = System.nanoTime();
            c.write("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":");
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.body()).contains("http.idleTimeoutSeconds");
            assertThat(millisSince(t0)).isGreaterThanOrEqualTo(IDLE_MS - 100);
            assertThat(c.closedWithin(5_000)).isTrue();
        }
    }

    @Test
    void aRequestTakingLongerThanBothTimeoutsIsStillAnswered() throws Exception {
        start(300, 500);
        try (RawHttp c = new RawHttp(server.port())) {
            c.write(RawHttp.get("/sleep/1500"));
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("1500");
            c.write(RawHttp.get("/fast"));
            assertThat(c.read().status()).isEqualTo(200);
        }
    }

    @Test
    void pipelinedRequestsOfDifferentDurationsComeBackInRequestOrder() throws Exception {
        start(HEADER_MS, IDLE_MS);
        StringBuilder all = new StringBuilder();
        List<Integer> sleeps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int ms = (20 - i) * 10; // the first is the slowest: a pool answering as it finishes reverses them
            sleeps.add(ms);
            all.append(RawHttp.get("/sleep/" + ms));
        }
        try (RawHttp c = new RawHttp(server.port())) {
            c.write(all.toString());
            for (int ms : sleeps) {
                assertThat(c.read().body()).contains("\"slept\":\"" + ms + "\"");
            }
        }
    }

    @Test
    void theConfiguredSecondsReachTheServer() throws Exception {
        HttpSettings http = new HttpSettings("127.0.0.1", 0, null, 64 * 1024, null, 1, 30);
        try (TestNode node = TestNode.start(dir, new TestNode.Options(http, TestNode.options(null, List.of(), 64 * 1024).node()));
                RawHttp c = new RawHttp(node.api.port())) {
            long t0 = System.nanoTime();
            c.write("GET /api/v1/health HTTP/1.1\r\n");
            assertThat(c.read().status()).isEqualTo(408);
            assertThat(millisSince(t0)).isBetween(900L, 10_000L);
        }
    }
}
