package org.qanode.store;

/**
 * Filters and paging for {@link StateStore#listInstances}. Null filters match everything;
 * only current versions are listed unless {@code includeHistory}. Results are ordered by
 * patient ID, SOP Instance UID and version, so pages are stable.
 */
public record InstanceQuery(String patientId, String sopClassUid, String modality,
        boolean includeHistory, int offset, int limit) {

    public static final int MAX_LIMIT = 10_000;

    public InstanceQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
    }

    /** The first page of 100 current instances, no filter. */
    public static InstanceQuery all() {
        return new InstanceQuery(null, null, null, false, 0, 100);
    }

    public InstanceQuery patientId(String value) {
        return new InstanceQuery(value, sopClassUid, modality, includeHistory, offset, limit);
    }

    public InstanceQuery sopClassUid(String value) {
        return new InstanceQuery(patientId, value, modality, includeHistory, offset, limit);
    }

    public InstanceQuery modality(String value) {
        return new InstanceQuery(patientId, sopClassUid, value, includeHistory, offset, limit);
    }

    public InstanceQuery withHistory() {
        return new InstanceQuery(patientId, sopClassUid, modality, true, offset, limit);
    }

    public InstanceQuery page(int newOffset, int newLimit) {
        return new InstanceQuery(patientId, sopClassUid, modality, includeHistory, newOffset, newLimit);
    }
}
