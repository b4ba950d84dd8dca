package org.qanode.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Encapsulated Pixel Data (PS3.5 section A.4): the Basic Offset Table and the fragments, kept
 * as received, never decoded. Each entry is a {@code byte[]} or a {@link BulkData}.
 */
public final class Fragments {
    private final VR vr;
    private final List<Object> items = new ArrayList<>();

    public Fragments(VR vr) {
        this.vr = vr;
    }

    public VR vr() {
        return vr;
    }

    public void add(Object fragment) {
        if (!(fragment instanceof byte[]) && !(fragment instanceof BulkData)) {
            throw new IllegalArgumentException("fragment must be byte[] or BulkData");
        }
        items.add(fragment);
    }

    public List<Object> items() {
        return java.util.Collections.unmodifiableList(items);
    }

    public int size() {
        return items.size();
    }

    public static long lengthOf(Object fragment) {
        return fragment instanceof byte[] b ? b.length : ((BulkData) fragment).length();
    }
}
