package org.qanode.dicom.io;

import java.util.function.IntPredicate;

/**
 * What the reader keeps. {@code stopTag}: stop before the first top-level element whose
 * tag is not below it (e.g. Pixel Data, for indexing); -1 reads everything.
 * {@code bulkDataByReference}: values of bulk VRs at least {@code bulkDataThreshold} bytes
 * long (and all Pixel Data) stay in the file as {@link org.qanode.dicom.BulkData}; needs a
 * file source, and is ignored inside deflated data. {@code topLevelSequences}: which top-level
 * sequences are kept (null: all); the others are still read through, so that a broken one fails
 * the read as it would otherwise, but nothing of them is built.
 */
public record ReadOptions(int stopTag, boolean bulkDataByReference, int bulkDataThreshold,
        IntPredicate topLevelSequences) {

    public static final ReadOptions DEFAULT = new ReadOptions(-1, false, 64 * 1024, null);

    public static ReadOptions stopBefore(int tag) {
        return new ReadOptions(tag, false, DEFAULT.bulkDataThreshold(), null);
    }

    public static ReadOptions withBulkDataByReference() {
        return new ReadOptions(-1, true, DEFAULT.bulkDataThreshold(), null);
    }

    /** These options, keeping only the top-level sequences {@code keep} accepts. */
    public ReadOptions keepingOnlySequences(IntPredicate keep) {
        return new ReadOptions(stopTag, bulkDataByReference, bulkDataThreshold, keep);
    }

    boolean keepsSequence(int tag) {
        return topLevelSequences == null || topLevelSequences.test(tag);
    }
}
