package org.qanode.net.dimse;

/**
 * A DIMSE operation that ends with a non-success status (PS3.7 Annex C): carries that status and
 * the Error Comment (0000,0902) to the wire, or, on the requestor side, from it to the caller.
 * The one failure type of the DIMSE layer, whichever side detects it.
 */
public class DimseException extends Exception {
    /** Error Comment is LO (PS3.7 Table E.1-1): 64 characters at most. */
    private static final int MAX_COMMENT = 64;

    private final int status;

    public DimseException(int status, String message) {
        super(message);
        this.status = status;
    }

    public DimseException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The message as it goes into Error Comment: at most 64 characters, no backslash (LO). */
    public String errorComment() {
        String m = getMessage() == null ? "" : getMessage().replace('\\', '/');
        return m.length() > MAX_COMMENT ? m.substring(0, MAX_COMMENT) : m;
    }

    @Override
    public String toString() {
        return String.format("%s: status %04X: %s", getClass().getSimpleName(), status, getMessage());
    }
}
