package org.qanode.store;

import java.util.List;

/** One page of a listing and the number of rows the filters match in all ({@code total}). */
public record InstancePage(long total, List<InstanceRecord> items) {
}
