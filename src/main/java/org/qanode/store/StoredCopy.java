package org.qanode.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.qanode.compare.UnreadableObjectException;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomParseException;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.ReadOptions;

/**
 * Reads a stored file for a comparison and proves on the way that it is what was received: the
 * data set bytes are hashed while the parser consumes them (one pass over the file, bulk data
 * skipped by the parser is hashed as it is skipped), then the digest is compared with the index.
 * A copy that does not match is never handed to the comparator, whose differences would
 * otherwise report bit rot as a clinical change, or hide it in an ignored element.
 *
 * <p>The data set starts where the index says: the file's size minus the data set bytes
 * received. A file that grew or shrank, or whose meta group moved that start or names another
 * transfer syntax, is damaged as surely as one with a flipped bit.
 */
final class StoredCopy {
    static final String MISSING = "stored copy missing";
    static final String DAMAGED = "stored copy damaged";

    private StoredCopy() {
    }

    static DicomFile read(Path file, InstanceRecord record, ReadOptions options) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new UnreadableObjectException(MISSING);
        }
        try (channel) {
            long length = channel.size();
            long offset = length - record.sizeBytes();
            if (offset < 0) {
                throw new UnreadableObjectException(DAMAGED);
            }
            Digesting in = new Digesting(Channels.newInputStream(channel), offset);
            DicomReader.Header header;
            try {
                header = DicomReader.readWithOffset(in, length, file, options);
            } catch (DicomParseException e) {
                // a damaged copy is reported as damaged, not as whatever its damage does to the parser
                in.drain();
                if (!in.sha256().equals(record.sha256())) {
                    throw new UnreadableObjectException(DAMAGED);
                }
                throw e;
            }
            in.drain();
            if (!in.sha256().equals(record.sha256()) || header.datasetOffset() != offset
                    || !header.file().transferSyntax().uid().equals(record.transferSyntaxUid())) {
                throw new UnreadableObjectException(DAMAGED);
            }
            return header.file();
        }
    }

    /** Passes bytes through and hashes those from {@code from} on; skipping reads (and hashes) too. */
    static final class Digesting extends FilterInputStream {
        private final MessageDigest md = Part10.sha256();
        private final long from;
        private final byte[] scratch = new byte[64 * 1024];
        private long position;

        Digesting(InputStream in, long from) {
            super(in);
            this.from = from;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                if (position >= from) {
                    md.update((byte) b);
                }
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                long skip = Math.max(0, Math.min(n, from - position));
                if (skip < n) {
                    md.update(b, off + (int) skip, n - (int) skip);
                }
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long done = 0;
            while (done < n) {
                int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Reads (and hashes) what the parser left. */
        void drain() throws IOException {
            while (read(scratch, 0, scratch.length) >= 0) {
                // hashing is the point
            }
        }

        String sha256() {
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
