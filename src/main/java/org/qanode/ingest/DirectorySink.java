package org.qanode.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.qanode.dicom.UidCheck;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.net.dimse.DimseException;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.StorageSink;
import org.qanode.net.dimse.StorageTarget;
import org.qanode.net.dimse.StoreContext;
import org.qanode.store.DurableFile;

/**
 * The plain storage SCP's sink: each object becomes {@code <dir>/<SOP Instance UID>.dcm}, a
 * Part 10 file whose meta group is built from the C-STORE command and the negotiated
 * transfer syntax (PS3.10 7.1), the data set bytes kept exactly as received.
 */
public final class DirectorySink implements StorageSink {
    private final Path dir;
    private final String aeTitle;

    public DirectorySink(Path dir, String aeTitle) {
        this.dir = dir;
        this.aeTitle = aeTitle;
    }

    @Override
    public StorageTarget begin(StoreContext ctx) throws DimseException {
        if (!UidCheck.isPathSafe(ctx.sopInstanceUid())) {
            // 0117 Invalid SOP Instance (PS3.7 C.4.x): the UID must never become a path outside dir.
            throw new DimseException(DimseStatus.INVALID_OBJECT_INSTANCE, "SOP Instance UID is not a valid UID");
        }
        try {
            return new FileTarget(new DurableFile(dir.resolve(ctx.sopInstanceUid() + ".dcm"),
                    DicomWriter.createFileMetaInformation(ctx.sopClassUid(), ctx.sopInstanceUid(),
                            ctx.transferSyntaxUid(), ctx.callingAeTitle().trim())));
        } catch (IOException e) {
            throw new DimseException(DimseStatus.OUT_OF_RESOURCES, "cannot create file: " + e.getMessage(), e);
        }
    }

    public String aeTitle() {
        return aeTitle;
    }

    /** A durable file as a storage target: Success once it is fsynced and renamed into place. */
    public static final class FileTarget implements StorageTarget {
        private final DurableFile file;

        public FileTarget(DurableFile file) {
            this.file = file;
        }

        @Override
        public void write(ByteBuffer data) throws IOException {
            file.write(data);
        }

        @Override
        public int commit() throws DimseException {
            try {
                file.commit();
                return DimseStatus.SUCCESS;
            } catch (IOException e) {
                throw new DimseException(DimseStatus.OUT_OF_RESOURCES,
                        "cannot store " + file.destination().getFileName() + ": " + e, e);
            }
        }

        @Override
        public void abort() {
            file.abort();
        }

        public DurableFile file() {
            return file;
        }
    }
}
