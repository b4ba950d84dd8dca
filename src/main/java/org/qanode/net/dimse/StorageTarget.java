package org.qanode.net.dimse;

import java.io.IOException;

/**
 * Receives the data set of one C-STORE as it arrives, in the negotiated transfer syntax,
 * without ever holding it whole. Called from one thread per association, never the
 * network I/O thread, in order: {@code write}* then {@code commit} or {@code abort}.
 */
public interface StorageTarget {

    void write(byte[] bytes, int offset, int length) throws IOException;

    /**
     * All bytes have arrived: make the object durable (and indexed) and return the status to
     * answer, Success or a warning. Success must mean the object survives a crash.
     *
     * @throws DimseException with the failure status to answer (A700 for storage failures)
     */
    int commit() throws DimseException;

    /** The object will not complete (association aborted, write failed): leave nothing behind. */
    void abort();
}
