package org.qanode.compare;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.qanode.dicom.ElementDictionary;
import org.qanode.dicom.Tag;
import org.qanode.dicom.io.DicomParseException;

/**
 * Why an object is UNREADABLE, as one sentence a physicist can act on: what is wrong with the
 * file, in words, then what to do; the reader's technical detail (byte offset, tag) stays in
 * parentheses for whoever has to look at the file. A reason is built from a clause ("is cut
 * short ...") that the comparator prefixes with the side and the object id.
 */
public final class Reasons {
    private static final String EXPORT_AGAIN = "export the object again";

    private Reasons() {
    }

    /** The clause for an exception met reading an object: starts with a verb, ends without a period. */
    public static String of(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "could not be opened because the file is gone (moved or deleted during the comparison);"
                    + " run the comparison again";
        }
        if (e instanceof AccessDeniedException) {
            return "could not be opened because qanode may not read it; fix the file's permissions and run the comparison again";
        }
        if (e instanceof DicomParseException p) {
            String m = p.getMessage() == null ? "" : p.getMessage();
            String where = where(p);
            if (m.startsWith("empty input")) {
                return "is an empty file (0 bytes); " + EXPORT_AGAIN;
            }
            if (m.startsWith("unexpected end of data") || m.contains(" exceeds the ") || m.contains("overrun")) {
                return "is cut short: the file ends before its data set does" + where
                        + ", so the export or the copy was incomplete; " + EXPORT_AGAIN + " (" + m + ")";
            }
            if (m.startsWith("corrupt deflated data")) {
                return "has a damaged compressed (deflated) data set" + where + "; " + EXPORT_AGAIN + " (" + m + ")";
            }
            if (m.startsWith("value too large for memory")) {
                return "holds a value too large to read" + where + "; export the object again, and if it stays so report it"
                        + " to the vendor of the exporting system (" + m + ")";
            }
            return "is damaged and does not parse as DICOM" + where + "; export the object again, and if it stays damaged"
                    + " report it to the vendor of the exporting system (" + m + ")";
        }
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return "could not be read (" + m + "); check the file and run the comparison again";
    }

    /**
     * A reason a source gave as text (e.g. the store's index): our own clauses pass unchanged,
     * anything else is wrapped into one.
     */
    public static String clause(String reason) {
        if (reason == null || reason.isBlank()) {
            return "could not be read; " + EXPORT_AGAIN;
        }
        for (String verb : new String[] {"is ", "could ", "has ", "holds "}) {
            if (reason.startsWith(verb)) {
                return reason;
            }
        }
        return "could not be read (" + reason + "); check the object at its source and " + EXPORT_AGAIN;
    }

    /** "baseline plan.dcm is cut short ...". */
    static String sentence(String side, String id, String clause) {
        return side + " " + id + " " + clause(clause);
    }

    private static String where(DicomParseException p) {
        if (p.tag() == -1) {
            return " (at byte " + p.offset() + ")";
        }
        String keyword = ElementDictionary.keywordOf(p.tag());
        return " (at byte " + p.offset() + ", in " + (keyword.isEmpty() ? Tag.toString(p.tag()) : keyword + " " + Tag.toString(p.tag())) + ")";
    }
}
