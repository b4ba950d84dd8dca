package org.qanode.store;

import java.io.IOException;

/**
 * Points where tests make storage fail the way a full disk or a dying disk does, to prove
 * that a failure leaves neither a file nor an index row behind. Production uses {@link #NONE}.
 */
interface StoreFaults {
    StoreFaults NONE = new StoreFaults() {
    };

    /** Before data set bytes are written at {@code position} (bytes already received). */
    default void beforeWrite(long position, int length) throws IOException {
    }

    /** After the staged file is durable, before it is moved into place and indexed. */
    default void beforeFiling() throws IOException {
    }

    /** In the commit pipeline, before a group fsyncs a directory it renamed into (a failing fsync). */
    default void beforeDirectorySync(java.nio.file.Path dir) throws IOException {
    }

    /** In the commit pipeline, after a group's index commit, before the index is forced to disk. */
    default void beforeIndexSync() throws java.sql.SQLException {
    }
}
