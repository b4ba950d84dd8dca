package org.qanode.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Redmine reachable at a port that is closed until {@link #open} (connection refused, as when
 * Redmine is down), then forwarding every request to the real server.
 */
final class ForwardingProxy implements AutoCloseable {
    private static final List<String> HEADERS = List.of("X-Redmine-API-Key", "Content-Type", "Accept");
    final int port;
    private final String target;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private HttpServer server;

    ForwardingProxy(String target) throws IOException {
        this.target = target;
        this.port = RedmineServer.freePort();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void open() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    private void forward(HttpExchange x) throws IOException {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + x.getRequestURI()))
                    .timeout(Duration.ofSeconds(60))
                    .method(x.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(x.getRequestBody().readAllBytes()));
            for (String h : HEADERS) {
                String v = x.getRequestHeaders().getFirst(h);
                if (v != null) {
                    b.header(h, v);
                }
            }
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().firstValue("Content-Type").ifPresent(v -> x.getResponseHeaders().set("Content-Type", v));
            x.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            x.getResponseBody().write(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            x.sendResponseHeaders(502, -1);
        } finally {
            x.close();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
