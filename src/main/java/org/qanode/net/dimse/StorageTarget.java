package org.qanode.net.dimse;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Receives the data set of one C-STORE as it arrives, in the negotiated transfer syntax,
 * without ever holding it whole. Called from one thread per association, never the
 * network I/O thread, in order: {@code write}* then {@code commit} or {@code abort}.
 */
public interface StorageTarget {

    /**
     * The next bytes of the data set: {@code data}'s remaining bytes. Valid only during the call
     * (the buffer is the network layer's, often direct memory, reused once the call returns), so
     * a target copies what it keeps; it may move {@code data}'s position.
     */
    void write(ByteBuffer data) throws IOException;

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
