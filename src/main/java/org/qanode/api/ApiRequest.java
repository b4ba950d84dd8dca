package org.qanode.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.Map;
import org.qanode.account.Principal;

/**
 * One HTTP request, copied out of Netty's buffers on the event loop so that handlers run on
 * worker threads without holding reference-counted memory.
 *
 * @param headers   lower-case names
 * @param remote    the peer's IP address (no port), or null
 * @param principal who the request speaks for, set by the {@link Router} before the handler runs
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
        byte[] body, Map<String, String> pathParams, String remote, Principal principal) {

    public ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
            byte[] body, Map<String, String> pathParams) {
        this(method, path, query, headers, body, pathParams, null, null);
    }

    public ApiRequest withPathParams(Map<String, String> params) {
        return new ApiRequest(method, path, query, headers, body, params, remote, principal);
    }

    /** The client's IP address (the audit trail's name for {@link #remote()}), or null when unknown. */
    public String remoteAddress() {
        return remote;
    }

    public ApiRequest withPrincipal(Principal p) {
        return new ApiRequest(method, path, query, headers, body, pathParams, remote, p);
    }

    /** Whether the method changes nothing (RFC 9110 9.2.1 safe methods we serve). */
    public boolean reads() {
        return method.equals("GET") || method.equals("HEAD");
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** The single value of a query parameter, or null; repeated parameters are an error. */
    public String param(String name) {
        List<String> v = query.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.size() > 1) {
            throw ApiException.badRequest("query parameter '" + name + "' given " + v.size() + " times");
        }
        return v.get(0);
    }

    public int intParam(String name, int def, int min, int max) {
        String v = param(name);
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw ApiException.badRequest("query parameter '" + name + "' must be " + min + ".." + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    public boolean boolParam(String name) {
        String v = param(name);
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("query parameter '" + name + "' must be true or false, got '" + v + "'");
    }

    /** The body as JSON of {@code type}; missing, malformed or unexpected content is a 400 naming the problem. */
    public <T> T json(Class<T> type) {
        if (body.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            T value = ApiJson.MAPPER.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("a JSON object is required, got null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "'");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badRequest("invalid JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("unreadable body: " + e.getMessage());
        }
    }

    /** A required string field of a parsed body. */
    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("field '" + field + "' is required");
        }
        return value;
    }
}
