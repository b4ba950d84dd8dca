package org.qanode.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST, PUT and PATCH need {@code Content-Type: application/json}. A web page can send a
 * cross-origin POST without a CORS preflight only with a "simple" content type (text/plain,
 * form encodings) or none at all; refusing those with 415 means no page a user of the node's
 * network happens to open can create states or start comparisons on a node without a token.
 */
class ContentTypeTest {
    @TempDir
    Path dir;
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, TestNode.options(null, List.of(), 64 * 1024));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /** Sends exactly the headers given (java.net.http adds no Content-Type of its own). */
    private HttpResponse<String> send(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return node.http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assert415(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode n = TestNode.json(r);
        assertThat(n.path("error").asText()).isEqualTo("unsupported media type");
        assertThat(n.path("detail").asText()).contains("Content-Type: application/json");
    }

    @Test
    void simpleContentTypesThatNeedNoPreflightAreRefusedWith415AndChangeNothing() throws Exception {
        String body = "{\"name\":\"csrf\"}";
        assert415(send("POST", "/api/v1/states", body, "text/plain"));
        assert415(send("POST", "/api/v1/states", body, "text/plain;charset=UTF-8"));
        assert415(send("POST", "/api/v1/states", body, "application/x-www-form-urlencoded"));
        assert415(send("POST", "/api/v1/states", body, "multipart/form-data; boundary=x"));
        assert415(send("POST", "/api/v1/states", body, null));
        assertThat(node.get("/api/v1/states/csrf").statusCode()).isEqualTo(404);

        assert415(send("POST", "/api/v1/comparisons", "{\"baseline\":\"a\",\"candidate\":\"b\"}", "text/plain"));
        assertThat(TestNode.json(node.get("/api/v1/comparisons")).path("items").size()).isZero();
        assert415(send("POST", "/api/v1/exports", "{\"from\":\"X\",\"state\":\"x\",\"patientIds\":[\"A\"]}", "text/plain"));
        assert415(send("PUT", "/api/v1/receiving-state", "{\"state\":\"csrf\"}", "text/plain"));
        assertThat(TestNode.json(node.get("/api/v1/receiving-state")).path("state").asText()).isEqualTo("inbox");
    }

    @Test
    void aPostWithoutBodyNeedsTheHeaderToo() throws Exception {
        // a bodiless cross-origin POST is a simple request as well (it would start a sweep)
        assert415(send("POST", "/api/v1/sweeps", null, null));
        assertThat(send("POST", "/api/v1/sweeps", null, "application/json").statusCode()).isEqualTo(404); // no sweep configured
    }

    @Test
    void applicationJsonWithOrWithoutUtf8CharsetIsAccepted() throws Exception {
        assertThat(send("POST", "/api/v1/states", "{\"name\":\"a\"}", "application/json").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/states", "{\"name\":\"b\"}", "application/json; charset=utf-8").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/states", "{\"name\":\"c\"}", "Application/JSON;Charset=\"UTF-8\"").statusCode()).isEqualTo(201);
        assertThat(send("PUT", "/api/v1/receiving-state", "{\"state\":\"a\"}", "application/json;charset=UTF-8").statusCode()).isEqualTo(200);
        // JSON is UTF-8 (RFC 8259 8.1): another charset would be decoded wrongly
        assert415(send("POST", "/api/v1/states", "{\"name\":\"d\"}", "application/json; charset=iso-8859-1"));
        assert415(send("POST", "/api/v1/states", "{\"name\":\"d\"}", "application/jsonp"));
        assert415(send("POST", "/api/v1/states", "{\"name\":\"d\"}", "application/json-patch+json"));
    }

    @Test
    void requestsWithoutBodySemanticsAreUnaffected() throws Exception {
        assertThat(send("GET", "/api/v1/states", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/states", null, "text/plain").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/states", "{\"name\":\"gone\"}", "application/json").statusCode()).isEqualTo(201);
        assertThat(send("DELETE", "/api/v1/states/gone", null, null).statusCode()).isEqualTo(204);
        // routing errors come first: an unknown path is 404 whatever its content type
        assertThat(send("POST", "/api/v1/nothing", "x", "text/plain").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/health", "x", "text/plain").statusCode()).isEqualTo(405);
    }
}
