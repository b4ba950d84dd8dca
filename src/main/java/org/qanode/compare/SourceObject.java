package org.qanode.compare;

import java.io.IOException;
import org.qanode.dicom.io.DicomFile;

/**
 * One object of an {@link ObjectSource}: cheap identification up front, the data set on demand.
 */
public interface SourceObject {

    /** Stable id within the source (a relative file path, a store key); used in reports. */
    String id();

    /** SOP Instance UID (0008,0018), or null when the object has none or could not be read. */
    String sopInstanceUid();

    /** SOP Class UID (0008,0016), or null. */
    String sopClassUid();

    /** Why the object could not even be identified (not DICOM, truncated header), or null. */
    String unreadableReason();

    /**
     * When the object was last written (a file's modification time), or null when the source
     * does not know. Decides which of several different objects with one SOP Instance UID on
     * one side is compared (the most recent).
     */
    default java.time.Instant lastModified() {
        return null;
    }

    /**
     * Reads the whole object; large binary values may stay in storage as bulk data.
     * Throws {@link org.qanode.dicom.io.DicomParseException} for content that does not parse.
     */
    DicomFile read() throws IOException;
}
