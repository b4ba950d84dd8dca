package org.qanode.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A value left in its file: the reader records where it is instead of loading it, so a
 * 1 GB multi-frame object can be read with a small heap (as dcm4che's BulkData does).
 * Values are always little-endian in the model, so a big-endian source records it here.
 */
public record BulkData(Path file, long offset, long length, boolean bigEndian) {

    /** Opens a stream over exactly this value's bytes, as stored in the file. */
    public InputStream openStream() throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(offset);
        InputStream in = Channels.newInputStream(channel);
        return new InputStream() {
            private long remaining = length;

            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    remaining--;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(buf, off, (int) Math.min(len, remaining));
                if (n > 0) {
                    remaining -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** Loads the value; only for values known to be small. */
    public byte[] readAllBytes() throws IOException {
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException("bulk data of " + length + " bytes does not fit in an array");
        }
        try (InputStream in = openStream()) {
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length != length) {
                throw new IOException("bulk data truncated: " + file + " at " + offset);
            }
            return bytes;
        }
    }
}
