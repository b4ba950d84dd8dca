package org.qanode.dicom.io;

import org.qanode.dicom.Dataset;

/**
 * A data set with its file meta information (PS3.10 section 7.1). {@code fileMeta} is null
 * for a raw data set without preamble and meta group; {@code transferSyntax} is then the
 * one the reader detected.
 */
public record DicomFile(Dataset fileMeta, Dataset dataset, TransferSyntax transferSyntax) {
}
