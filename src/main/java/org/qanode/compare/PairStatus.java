package org.qanode.compare;

/** Outcome for one pair (ARCHITECTURE.md "Comparison result"). */
public enum PairStatus {
    IDENTICAL, DIFFERENT, ONLY_IN_BASELINE, ONLY_IN_CANDIDATE, UNREADABLE
}
