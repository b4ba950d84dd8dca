package org.qanode.compare;

import java.io.IOException;
import java.util.List;

/**
 * One side of a comparison: the objects of a state. A folder is one implementation
 * ({@link FolderSource}); the state store provides its own from its index, so the
 * comparator never needs to know where files live.
 */
public interface ObjectSource {

    /** The name reports use for this side: a state name or a folder. */
    String name();

    /**
     * Every object of the side, each exactly once, with the header fields filled in (or an
     * UNREADABLE reason). Called once per comparison; the data sets are read later, one pair
     * at a time, through {@link SourceObject#read()}.
     */
    List<SourceObject> objects() throws IOException;

    /**
     * What the last {@link #objects()} found that is not an object, one sentence each (a file that
     * is not DICOM, a DICOMDIR); the comparison reports them as run warnings.
     */
    default List<String> skipped() {
        return List.of();
    }
}
