package org.qanode.dicom.json;

import java.io.IOException;

/** JSON that is not a DICOM JSON data set (PS3.18 Annex F); the message names the tag path and location. */
public final class DicomJsonException extends IOException {
    private static final long serialVersionUID = 1L;

    public DicomJsonException(String message) {
        super(message);
    }

    public DicomJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
