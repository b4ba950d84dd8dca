package org.qanode.store;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A state with the number of its current objects, in all and by SOP Class UID, and how many
 * of them are unreadable (header not parsed, file missing or corrupted).
 */
public record StateSummary(String name, OffsetDateTime createdAt, long instances,
        Map<String, Long> bySopClass, long unreadable) {
}
