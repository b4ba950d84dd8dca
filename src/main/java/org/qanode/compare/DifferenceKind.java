package org.qanode.compare;

/** CHANGED: on both sides with other values; ADDED: candidate only; REMOVED: baseline only. */
public enum DifferenceKind {
    CHANGED, ADDED, REMOVED
}
