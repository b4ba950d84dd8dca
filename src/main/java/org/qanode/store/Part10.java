package org.qanode.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.qanode.dicom.io.DicomParseException;
import org.qanode.dicom.io.DicomReader;

/**
 * The digest of a stored file's data set bytes (after the PS3.10 section 7.1 meta group), to be
 * compared with the digest of the data set bytes as received. A file without preamble and
 * "DICM" is all data set.
 */
public final class Part10 {
    /** Below every data set element: groups 0000 (commands) and 0002 (meta) never occur in a data set. */
    private static final int FIRST_DATASET_TAG = 0x00030000;

    private Part10() {
    }

    /** Digest and length of a file's data set bytes. */
    public record DatasetDigest(String sha256, long size) {
    }

    public static DatasetDigest digestDataset(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            long offset = datasetOffset(file);
            in.skipNBytes(offset);
            MessageDigest md = sha256();
            byte[] buf = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                size += n;
            }
            return new DatasetDigest(HexFormat.of().formatHex(md.digest()), size);
        }
    }

    /**
     * Byte offset of the first data set element: after the meta group, or 0 without one. The
     * meta group is read by the codec ({@link DicomReader#readHeader}), which stops before the
     * first data set element; a file whose meta group cannot be read is hashed whole, so that it
     * can never match the digest of what was received.
     */
    public static long datasetOffset(Path file) throws IOException {
        try {
            return DicomReader.readHeader(file, FIRST_DATASET_TAG).datasetOffset();
        } catch (DicomParseException e) {
            return 0;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
