package org.qanode.dicom;

/**
 * UID checks before a UID becomes part of a file name (PS3.5 section 9.1).
 *
 * <p>Two levels. {@link #isPathSafe} is strict and is what protects the file system: only
 * digits and dots, 1 to 64 characters, no empty component (so no leading, trailing or double
 * dot, hence never "." or ".."). {@link #isConformant} adds the PS3.5 rule that a component
 * has no leading zero unless it is "0" itself; real systems break that rule (the VariSeed and
 * pydicom samples do), and a QA node must not refuse what the ROIS sends, so a non-conformant
 * but path-safe UID is accepted and only logged.
 */
public final class UidCheck {
    public static final int MAX_LENGTH = 64;

    private UidCheck() {
    }

    public static boolean isPathSafe(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > MAX_LENGTH) {
            return false;
        }
        char prev = '.';
        for (int i = 0; i < uid.length(); i++) {
            char c = uid.charAt(i);
            if (c == '.') {
                if (prev == '.') {
                    return false;
                }
            } else if (c < '0' || c > '9') {
                return false;
            }
            prev = c;
        }
        return prev != '.';
    }

    public static boolean isConformant(String uid) {
        if (!isPathSafe(uid)) {
            return false;
        }
        for (String component : uid.split("\\.")) {
            if (component.length() > 1 && component.charAt(0) == '0') {
                return false;
            }
        }
        return true;
    }
}
