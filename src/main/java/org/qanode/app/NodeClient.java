package org.qanode.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.qanode.result.ComparisonResult;
import org.qanode.report.JsonReport;

/**
 * The CLI's way to a running node: its REST API at the URL node.json names, with the configured
 * token (http.token / QANODE_HTTP_TOKEN) as Bearer. Every failure is an {@link IOException} whose
 * message is one line for the operator, e.g. the node's own error detail.
 */
final class NodeClient {
    private static final ObjectMapper JSON = JsonReport.MAPPER;

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    NodeClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
    }

    /** The client for the node described by node.json, or an error when it names no URL yet. */
    static NodeClient of(NodeLock.Info node, QanodeConfig cfg) throws IOException {
        if (node.httpUrl() == null) {
            throw new IOException("the node holding " + cfg.storage().dataDir() + " (" + node.describe()
                    + ") has not published its REST API yet; try again in a moment");
        }
        return new NodeClient(node.httpUrl(), cfg.http().token());
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode get(String path) throws IOException {
        return JSON.readTree(send(request(path).GET()));
    }

    <T> T get(String path, Class<T> type) throws IOException {
        return JSON.readValue(send(request(path).GET()), type);
    }

    JsonNode post(String path, JsonNode body) throws IOException {
        return JSON.readTree(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))));
    }

    JsonNode put(String path, JsonNode body) throws IOException {
        return JSON.readTree(send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))));
    }

    void delete(String path) throws IOException {
        send(request(path).DELETE());
    }

    /**
     * Queues the comparison on the node, waits for it and returns the finished result (the JSON
     * the node stored, read back into the same record the offline comparison produces).
     *
     * @param profile null: the node's compare.profile
     */
    ComparisonResult compare(String baseline, String candidate, String profile) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("baseline", baseline).put("candidate", candidate);
        if (profile != null) {
            body.put("profile", profile);
        }
        String id = post("/api/v1/comparisons", body).path("id").asText();
        String path = "/api/v1/comparisons/" + id;
        long pause = 50;
        while (true) {
            JsonNode status = get(path);
            String s = status.path("status").asText();
            if ("DONE".equals(s)) {
                return get(path, ComparisonResult.class);
            }
            if ("FAILED".equals(s)) {
                throw new IOException("comparison " + id + " failed on the node: " + status.path("error").asText());
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 1000);
        }
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(5))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private byte[] send(HttpRequest.Builder request) throws IOException {
        HttpRequest r = request.build();
        HttpResponse<byte[]> rsp;
        try {
            rsp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new IOException("cannot reach the node's REST API at " + baseUrl + ": connection refused");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + baseUrl);
        }
        int code = rsp.statusCode();
        if (code / 100 == 2) {
            return rsp.body();
        }
        if (code == 401) {
            throw new IOException("the node at " + baseUrl + " refused the request (401): "
                    + (token == null ? "it needs a token: set http.token or QANODE_HTTP_TOKEN" : "wrong http.token"));
        }
        if (code == 403 && token == null) {
            throw new IOException("the node at " + baseUrl + " refused the request (403): it needs an admin token: "
                    + "set http.token or QANODE_HTTP_TOKEN");
        }
        String detail;
        try {
            JsonNode err = JSON.readTree(rsp.body());
            detail = err.hasNonNull("detail") ? err.get("detail").asText() : err.path("error").asText();
        } catch (IOException e) {
            detail = new String(rsp.body(), StandardCharsets.UTF_8).strip();
        }
        throw new RemoteException(code, detail);
    }

    /** An error status from the node; the message is the node's own detail. */
    static final class RemoteException extends IOException {
        private final int status;

        RemoteException(int status, String detail) {
            super(detail);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
