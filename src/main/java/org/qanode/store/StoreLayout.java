package org.qanode.store;

import org.qanode.dicom.UidCheck;
import java.nio.file.Path;

/**
 * Where files live under the data directory:
 * <pre>
 *   states/STATE/UID_SHA16.dcm     one file per distinct content of an object
 *   states/STATE/.incoming/        staging: transfers in progress, same file system
 *   trash/                         a deleted state on its way out
 * </pre>
 * The file name carries the first 16 hex digits of the data set's SHA-256, so two versions
 * of one SOP Instance UID never share a name and a re-sent identical object maps to the file
 * it already has. Names are built only from validated state names and UIDs.
 */
final class StoreLayout {
    static final String STATES = "states";
    static final String INCOMING = ".incoming";
    static final String TRASH = "trash";
    static final String SUFFIX = ".dcm";

    private final Path dataDir;

    StoreLayout(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    Path dataDir() {
        return dataDir;
    }

    Path statesDir() {
        return dataDir.resolve(STATES);
    }

    Path stateDir(String state) {
        return statesDir().resolve(StateNames.require(state));
    }

    Path incomingDir(String state) {
        return stateDir(state).resolve(INCOMING);
    }

    Path trashDir() {
        return dataDir.resolve(TRASH);
    }

    /** The relative path stored in the index, always with '/' whatever the platform. */
    String relativeFile(String state, String sopInstanceUid, String sha256) {
        if (!UidCheck.isPathSafe(sopInstanceUid)) {
            throw new IllegalArgumentException("UID not safe for a file name: " + sopInstanceUid);
        }
        return STATES + "/" + StateNames.require(state) + "/" + sopInstanceUid + "_" + sha256.substring(0, 16) + SUFFIX;
    }

    Path resolve(String relative) {
        Path p = dataDir.resolve(relative).normalize();
        if (!p.startsWith(dataDir)) {
            throw new IllegalArgumentException("index path outside the data directory: " + relative);
        }
        return p;
    }

    String relativize(Path file) {
        return dataDir.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** The SOP Instance UID a stored file name carries, or null when it is not one of ours. */
    static String uidOfFileName(String fileName) {
        if (!fileName.endsWith(SUFFIX)) {
            return null;
        }
        int us = fileName.lastIndexOf('_');
        if (us < 0) {
            return null;
        }
        String uid = fileName.substring(0, us);
        return UidCheck.isPathSafe(uid) ? uid : null;
    }
}
