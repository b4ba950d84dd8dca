package org.qanode.node;

/**
 * One observed DICOM route into the node (migration 010): a calling AE title from a host to one
 * of our called AE titles, and the state its objects went into ({@code state} empty when its
 * associations stored nothing, e.g. verification only). Counts are totals over its associations.
 */
public record ObservedConnection(String callingAeTitle, String callingHost, String calledAeTitle, String state,
                                 long associations, long aborted, long objects, long failed, long bytes,
                                 String firstSeen, String lastSeen) {
}
