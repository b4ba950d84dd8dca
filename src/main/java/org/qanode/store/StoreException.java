package org.qanode.store;

/** The index or the data directory failed while reading or administering the store. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
