package org.qanode.audit;

import java.util.List;

/** One page of the trail, newest first; {@code next} is the cursor of the following page, null at the end. */
public record AuditPage(List<AuditEvent.Stored> items, Long next) {
}
