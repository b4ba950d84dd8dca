package org.qanode.net.dimse;

/** A DIMSE operation that ends with a non-success status; carries that status to the wire. */
public class DimseException extends Exception {
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
}
