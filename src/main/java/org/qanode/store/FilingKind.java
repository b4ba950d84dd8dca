package org.qanode.store;

/** How a received object was filed in its state. */
public enum FilingKind {
    /** First version of this SOP Instance UID in the state. */
    STORED,
    /** The same data set bytes as the current version: nothing written, Success. */
    DUPLICATE,
    /**
     * The same data set bytes as the current version, whose stored copy was missing or damaged:
     * written again from what was received, the row marked intact, a REPAIRED event recorded.
     */
    REPAIRED,
    /** Different bytes under the same UID: the new version is current, the old one kept. */
    REPLACED
}
