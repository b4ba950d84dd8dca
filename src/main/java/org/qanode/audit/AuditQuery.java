package org.qanode.audit;

import java.time.Instant;

/**
 * A page of the audit trail, newest first. Every filter is optional.
 *
 * @param type    event type name ({@link AuditEventType})
 * @param user    the actor, exactly (user name, calling AE title)
 * @param outcome {@link AuditOutcome} name
 * @param since   at or after
 * @param until   before
 * @param text    a substring of the object id, patient ID, remote address or description (case-insensitive)
 * @param before  cursor: only records with a smaller id (the {@code next} of the previous page)
 * @param limit   1..{@link #MAX_LIMIT}
 */
public record AuditQuery(AuditEventType type, String user, AuditOutcome outcome, Instant since, Instant until,
        String text, Long before, int limit) {
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
    }

    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, limit);
    }
}
