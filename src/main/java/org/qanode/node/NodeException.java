package org.qanode.node;

/**
 * A request the node cannot carry out, with why in domain terms. The HTTP adapter maps the
 * {@link Kind} to a status code in one place; the CLI prints the message. The message names
 * the parameter or field and never carries a stack trace.
 */
public final class NodeException extends RuntimeException {

    /** Why a request was refused. */
    public enum Kind {
        /** The request names a parameter value that is not acceptable (unknown ROIS, bad state name). */
        INVALID,
        /** The thing named does not exist (state, comparison, sweep configuration). */
        NOT_FOUND,
        /** It exists but is busy or in the way (state being exported, sweep running). */
        CONFLICT,
        /** Try again later: a queue is full, or the node cannot store right now. */
        UNAVAILABLE,
        /** The caller lacks the right to do this. */
        FORBIDDEN
    }

    private final Kind kind;

    public NodeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static NodeException invalid(String message) {
        return new NodeException(Kind.INVALID, message);
    }

    public static NodeException notFound(String message) {
        return new NodeException(Kind.NOT_FOUND, message);
    }

    public static NodeException conflict(String message) {
        return new NodeException(Kind.CONFLICT, message);
    }

    public static NodeException unavailable(String message) {
        return new NodeException(Kind.UNAVAILABLE, message);
    }

    public Kind kind() {
        return kind;
    }
}
