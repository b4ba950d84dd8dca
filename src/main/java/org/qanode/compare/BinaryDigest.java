package org.qanode.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.qanode.dicom.BulkData;
import org.qanode.dicom.Fragments;
import org.qanode.dicom.VR;

/**
 * SHA-256 of a binary value, the way binary values are compared and reported: in memory or
 * streamed from the file for {@link BulkData}, so a large pixel data never needs the heap.
 * The digest is over the little-endian value: a big-endian file's words are swapped while
 * streaming, so a transfer syntax change is not a difference. For encapsulated pixel data the
 * digest covers the fragments after the Basic Offset Table, which writers may or may not fill
 * in without changing the image.
 */
record BinaryDigest(String hex, long length) {

    /** The report form {@code sha256:<hex>}. */
    String text() {
        return "sha256:" + hex;
    }

    static BinaryDigest of(VR vr, Object value) {
        MessageDigest md = sha256();
        long length = 0;
        try {
            if (value instanceof byte[] b) {
                md.update(b);
                length = b.length;
            } else if (value instanceof BulkData bulk) {
                length = stream(md, bulk, vr);
            } else if (value instanceof Fragments f) {
                for (int i = 1; i < f.size(); i++) {
                    Object frag = f.items().get(i);
                    if (frag instanceof byte[] b) {
                        md.update(b);
                        length += b.length;
                    } else {
                        length += stream(md, (BulkData) frag, VR.OB);
                    }
                }
            } else {
                throw new IllegalArgumentException("not a binary value: " + value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bulk data: " + e.getMessage(), e);
        }
        return new BinaryDigest(HexFormat.of().formatHex(md.digest()), length);
    }

    private static long stream(MessageDigest md, BulkData bulk, VR vr) throws IOException {
        int swap = bulk.bigEndian() ? vr.binaryValueSize() : 0;
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = bulk.openStream()) {
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                if (swap > 1) {
                    for (int off = 0; off + swap <= n; off += swap) {
                        for (int l = off, r = off + swap - 1; l < r; l++, r--) {
                            byte t = buf[l];
                            buf[l] = buf[r];
                            buf[r] = t;
                        }
                    }
                }
                md.update(buf, 0, n);
                total += n;
            }
        }
        return total;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
