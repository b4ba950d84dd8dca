package org.qanode.store;

import java.time.OffsetDateTime;

/**
 * Something a state records besides plain receiving, for the comparator and operators to
 * see: an object replaced by different content under the same SOP Instance UID, a header
 * whose SOP Instance UID differs from the command's, or a repair.
 */
public record StoreEvent(long id, String state, String sopInstanceUid, Kind kind, String detail,
        OffsetDateTime occurredAt) {

    public enum Kind {
        /** Same SOP Instance UID, different content: new version current, old one kept. */
        REPLACED,
        /** The data set's SOP Instance UID is not the one the C-STORE command named. */
        UID_MISMATCH,
        /** verify --repair flagged a file missing or corrupted, or found it intact again. */
        INTEGRITY_CHANGED,
        /**
         * An object was sent again with the content of its current version while the stored copy
         * was missing or damaged: the copy was written again from the received bytes.
         */
        REPAIRED,
        /** verify --repair indexed a file found on disk without an index row. */
        REINDEXED
    }
}
