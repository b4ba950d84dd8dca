package org.qanode.dicom.io;

import java.io.IOException;
import org.qanode.dicom.Tag;

/**
 * The one exception the reader throws for input it cannot parse: it names the byte
 * offset and, where known, the tag being read, so a broken export can be reported
 * as UNREADABLE with a reason an operator can act on.
 */
public class DicomParseException extends IOException {
    private final long offset;
    private final int tag;

    public DicomParseException(String message, long offset, int tag) {
        super(message + " at offset " + offset + (tag != -1 ? " reading " + Tag.toString(tag) : ""));
        this.offset = offset;
        this.tag = tag;
    }

    public DicomParseException(String message, long offset, int tag, Throwable cause) {
        this(message, offset, tag);
        initCause(cause);
    }

    public long offset() {
        return offset;
    }

    /** The tag being read, or -1 when the failure came before any tag. */
    public int tag() {
        return tag;
    }
}
