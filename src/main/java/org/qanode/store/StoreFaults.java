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

    /**
     * In the commit pipeline, before a directory is fsynced: a staging folder before the journal
     * names a large object in it, or, at a checkpoint, a folder files were moved into.
     */
    default void beforeDirectorySync(java.nio.file.Path dir) throws IOException {
    }

    /** In the commit pipeline, after a group's records are appended, before the journal is fsynced. */
    default void beforeJournalSync() throws IOException {
    }

    /** In the commit pipeline, after the group's journal fsync, before its transaction commits. */
    default void beforeCommit() throws java.sql.SQLException {
    }

    /** At the start of a checkpoint (files, folders and index made durable, journal emptied). */
    default void beforeCheckpoint() throws IOException {
    }

    /** At a checkpoint, before the index is forced to disk. */
    default void beforeIndexSync() throws java.sql.SQLException {
    }
}
