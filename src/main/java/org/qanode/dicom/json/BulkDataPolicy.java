package org.qanode.dicom.json;

/**
 * What {@link DicomJsonWriter} does with bulk data: values left in their file
 * ({@link org.qanode.dicom.BulkData}), encapsulated pixel data, and binary values (OB, OD, OF, OL,
 * OV, OW, UN) at least {@link DicomJsonWriter.Options#bulkDataThreshold()} bytes long.
 */
public enum BulkDataPolicy {
    /** Every value inline as base64 "InlineBinary" (PS3.18 F.2.7). */
    INLINE,
    /**
     * Values left in their file as "BulkDataURI" (PS3.18 F.2.6), a {@code file:} URI with
     * {@code offset} and {@code length} query parameters that {@link DicomJsonReader} resolves;
     * values held in memory have nothing to point to and stay inline.
     */
    URI,
    /** Bulk data elements are left out of the JSON altogether. */
    OMIT
}
