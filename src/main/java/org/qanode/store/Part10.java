package org.qanode.store;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the data set starts in a Part 10 file (PS3.10 section 7.1), so that the digest of a
 * stored file can be compared with the digest of the data set bytes as received. The meta
 * group is walked element by element (Explicit VR Little Endian), so a file without a group
 * length element is handled too; a file without preamble and "DICM" is all data set.
 */
public final class Part10 {
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

    /** Byte offset of the first data set element: after the meta group, or 0 without one. */
    public static long datasetOffset(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8192)) {
            byte[] head = in.readNBytes(132);
            if (head.length < 132 || head[128] != 'D' || head[129] != 'I' || head[130] != 'C' || head[131] != 'M') {
                return 0;
            }
            long pos = 132;
            byte[] h = new byte[8];
            while (true) {
                int n = in.readNBytes(h, 0, 8);
                if (n < 8 || u16(h, 0) != 0x0002) {
                    return pos;
                }
                String vr = new String(h, 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
                long length;
                int header;
                if (vr.equals("OB") || vr.equals("OW") || vr.equals("UN") || vr.equals("SQ") || vr.equals("UT")) {
                    byte[] l = in.readNBytes(4);
                    if (l.length < 4) {
                        throw new EOFException("meta group cut off at offset " + pos);
                    }
                    length = Integer.toUnsignedLong(u16(l, 0) | (u16(l, 2) << 16));
                    header = 12;
                } else {
                    length = u16(h, 6);
                    header = 8;
                }
                in.skipNBytes(length);
                pos += header + length;
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }
}
