package org.qanode.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete response as bytes, built on a worker thread and written by the event loop. */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String JSON = "application/json";

    public static ApiResponse json(int status, Object value) {
        try {
            return new ApiResponse(status, JSON, ApiJson.MAPPER.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response: " + e.getOriginalMessage(), e);
        }
    }

    public static ApiResponse raw(int status, String contentType, byte[] body) {
        return new ApiResponse(status, contentType, body, Map.of());
    }

    public static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, new byte[0], Map.of());
    }

    public static ApiResponse error(ApiException e) {
        return json(e.status(), new ErrorBody(e.error(), e.detail()));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, contentType, body, Map.copyOf(h));
    }

    /** The error body every failing request gets. */
    public record ErrorBody(String error, String detail) {
    }
}
