package org.qanode.qarecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The few HTTP calls a QA record system needs: JSON in, JSON out, one credential header. The
 * credential is added here and nowhere else, and never appears in what this returns or throws
 * (messages name the method and path only).
 */
final class JsonHttp {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client;
    private final String base;
    private final String authHeader;
    private final String authValue;
    private final Duration timeout;

    /** A JSON answer: status, the parsed body (missing when not JSON) and its text for messages. */
    record Response(int status, JsonNode json, String text) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** For error messages: the status and the start of the body. */
        String describe() {
            String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
            return "HTTP " + status + (t.isEmpty() ? "" : ": " + (t.length() > 300 ? t.substring(0, 300) + "..." : t));
        }
    }

    JsonHttp(String base, String authHeader, String authValue, Duration timeout) {
        this.base = base.replaceAll("/+$", "");
        this.authHeader = authHeader;
        this.authValue = authValue;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    String base() {
        return base;
    }

    Response get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    Response post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, "application/json", MAPPER.writeValueAsBytes(body));
    }

    Response put(String path, Object body) throws IOException, InterruptedException {
        return send("PUT", path, "application/json", MAPPER.writeValueAsBytes(body));
    }

    Response postBytes(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send("POST", path, contentType, body);
    }

    /** {@code path} is relative to the base URL, or absolute when it starts with the base URL. */
    private Response send(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        String url = path.startsWith("http://") || path.startsWith("https://") ? path : base + path;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json").header("User-Agent", "qanode")
                .header(authHeader, authValue);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpResponse<byte[]> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IOException(method + " " + URI.create(url).getPath() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        String text = new String(r.body(), StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = text.isBlank() ? MissingNode.getInstance() : MAPPER.readTree(text);
        } catch (IOException e) {
            json = MissingNode.getInstance();
        }
        return new Response(r.statusCode(), json, text);
    }
}
