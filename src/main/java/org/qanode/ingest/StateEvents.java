package org.qanode.ingest;

/** What the receiving side tells the rest of the node about states. */
public interface StateEvents {
    StateEvents NONE = (state, sopClassUid, sopInstanceUid, callingAeTitle) -> { };

    /** A state that was empty (or did not exist) has just stored its first object. */
    void firstObject(String state, String sopClassUid, String sopInstanceUid, String callingAeTitle);
}
