package org.qanode.compare;

import java.util.List;

/**
 * A pairing decision before any comparison: one or both objects, how they were paired
 * ({@code pairedBy}: "SOPInstanceUID" or a profile key name, null for a lone object), and
 * warnings such as a SOP Instance UID held by several objects of one side.
 */
record PlannedPair(SourceObject baseline, SourceObject candidate, String pairedBy, List<String> warnings) {
}
