package org.qanode.store;

import java.time.OffsetDateTime;

/**
 * One stored version of an object in a state: an index row. {@code filePath} is relative to
 * the data directory ({@link StateStore#resolve}). {@code sha256} (lower-case hex) covers the
 * data set bytes exactly as received, after the file meta information and in the transfer
 * syntax of the transfer: the same object sent in another transfer syntax has another digest.
 * {@code parseError} is non-null for an object kept although its header could not be read;
 * the comparator reports such objects as UNREADABLE, as it does any {@code integrity} other
 * than OK.
 */
public record InstanceRecord(
        long id,
        String state,
        String sopInstanceUid,
        int version,
        boolean current,
        IndexFields fields,
        String transferSyntaxUid,
        long sizeBytes,
        String sha256,
        OffsetDateTime receivedAt,
        String callingAeTitle,
        String filePath,
        String parseError,
        Integrity integrity) {

    public String sopClassUid() {
        return fields.sopClassUid();
    }

    public String patientId() {
        return fields.patientId();
    }

    public String modality() {
        return fields.modality();
    }

    /** This row with another integrity flag. */
    public InstanceRecord withIntegrity(Integrity flag) {
        return new InstanceRecord(id, state, sopInstanceUid, version, current, fields, transferSyntaxUid, sizeBytes,
                sha256, receivedAt, callingAeTitle, filePath, parseError, flag);
    }

    /** Whether the comparator can read this object: header parsed and file intact. */
    public boolean readable() {
        return parseError == null && integrity == Integrity.OK;
    }
}
