package org.qanode.store;

/** What the last {@code verify --repair} established about an indexed file. */
public enum Integrity {
    /** Present with the SHA-256 it was received with (or never checked since). */
    OK,
    /** The file is gone; the row stays so the object is reported, not silently forgotten. */
    MISSING,
    /** The file's data set no longer has the SHA-256 it was received with. */
    CORRUPTED
}
