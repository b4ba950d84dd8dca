package org.qanode.net.dimse;

import java.io.IOException;
import java.nio.file.Path;
import org.qanode.dicom.UidCheck;
import org.qanode.dicom.io.DicomWriter;

/**
 * The plain storage SCP's sink: each object becomes {@code <dir>/<SOP Instance UID>.dcm}, a
 * Part 10 file whose meta group is built from the C-STORE command and the negotiated
 * transfer syntax (PS3.10 7.1), the data set bytes kept exactly as received.
 */
public final class DirectoryStorageSink implements StorageSink {
    private final Path dir;
    private final String aeTitle;

    public DirectoryStorageSink(Path dir, String aeTitle) {
        this.dir = dir;
        this.aeTitle = aeTitle;
    }

    @Override
    public StorageTarget begin(StoreContext ctx) throws DimseException {
        if (!UidCheck.isPathSafe(ctx.sopInstanceUid())) {
            // 0117 Invalid SOP Instance (PS3.7 C.4.x): the UID must never become a path outside dir.
            throw new DimseException(0x0117, "SOP Instance UID is not a valid UID");
        }
        try {
            return new FileStorageTarget(dir.resolve(ctx.sopInstanceUid() + ".dcm"),
                    DicomWriter.createFileMetaInformation(ctx.sopClassUid(), ctx.sopInstanceUid(),
                            ctx.transferSyntaxUid(), ctx.callingAeTitle().trim()));
        } catch (IOException e) {
            throw new DimseException(DimseStatus.OUT_OF_RESOURCES, "cannot create file: " + e.getMessage(), e);
        }
    }

    public String aeTitle() {
        return aeTitle;
    }
}
