package org.qanode.rt;

/** Verdict on a plan or beam of the summary, named like the comparator's pair statuses. */
public enum RtStatus { IDENTICAL, DIFFERENT, ONLY_IN_BASELINE, ONLY_IN_CANDIDATE, UNREADABLE }
