package org.qanode.dicom.io;

/**
 * What the reader keeps. {@code stopTag}: stop before the first top-level element whose
 * tag is not below it (e.g. Pixel Data, for indexing); -1 reads everything.
 * {@code bulkDataByReference}: values of bulk VRs at least {@code bulkDataThreshold} bytes
 * long (and all Pixel Data) stay in the file as {@link org.qanode.dicom.BulkData}; needs a
 * file source, and is ignored inside deflated data.
 */
public record ReadOptions(int stopTag, boolean bulkDataByReference, int bulkDataThreshold) {

    public static final ReadOptions DEFAULT = new ReadOptions(-1, false, 64 * 1024);

    public static ReadOptions stopBefore(int tag) {
        return new ReadOptions(tag, false, DEFAULT.bulkDataThreshold());
    }

    public static ReadOptions withBulkDataByReference() {
        return new ReadOptions(-1, true, DEFAULT.bulkDataThreshold());
    }
}
