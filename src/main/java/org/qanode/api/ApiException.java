package org.qanode.api;

import org.qanode.node.NodeException;

/**
 * A request that ends with an error status: becomes the JSON body {@code {"error","detail"}}.
 * {@code error} is the short reason phrase, {@code detail} says what exactly was wrong, naming
 * the parameter or field, never with a stack trace.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String error;

    public ApiException(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    /** The one place where the node's refusals become HTTP status codes. */
    public static ApiException from(NodeException e) {
        return switch (e.kind()) {
            case INVALID -> badRequest(e.getMessage());
            case NOT_FOUND -> notFound(e.getMessage());
            case CONFLICT -> conflict(e.getMessage());
            case UNAVAILABLE -> new ApiException(503, "service unavailable", e.getMessage());
            case FORBIDDEN -> new ApiException(403, "forbidden", e.getMessage());
        };
    }

    /** Account refusals: the same status codes. */
    public static ApiException from(org.qanode.account.AccountException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> notFound(e.getMessage());
            case CONFLICT -> conflict(e.getMessage());
        };
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad request", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not found", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", detail);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String detail() {
        return getMessage();
    }
}
