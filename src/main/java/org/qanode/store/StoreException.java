package org.qanode.store;

/**
 * The store could not do what was asked. {@link Reason} says why in terms its callers map to
 * their own answers (the C-STORE SCP to a DIMSE status, the REST API to an HTTP status).
 */
public class StoreException extends RuntimeException {

    /** Why an operation failed. */
    public enum Reason {
        /** The object's UID cannot be stored: not a UID, or unsafe as a file name. */
        INVALID_UID,
        /** A UID of the data set is not a UID, or a value is too long for the index: nothing kept. */
        INVALID_DATASET,
        /** No valid state to file the object under. */
        INVALID_STATE,
        /** The file system or the index failed (full disk, I/O error, database down). */
        UNAVAILABLE,
        /**
         * Free space on the data directory's volume is below {@code storage.minFreeBytes}: refused
         * before the disk fills; nothing kept. Temporary: storing resumes when space returns.
         */
        OUT_OF_SPACE
    }

    private final Reason reason;

    public StoreException(String message, Throwable cause) {
        this(Reason.UNAVAILABLE, message, cause);
    }

    public StoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
