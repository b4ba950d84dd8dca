package org.qanode.testing;

import java.nio.ByteBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.dimse.DimseException;
import org.qanode.net.dimse.StorageSink;
import org.qanode.net.dimse.StorageTarget;
import org.qanode.net.dimse.StoreContext;

/**
 * Plays the C-STORE SCP towards a {@link StorageSink}: a data set encoded as it would arrive
 * over DIMSE (no file meta, in the transfer syntax of the presentation context), fed in
 * PDV-sized chunks, then committed. For tests of everything above the network layer.
 */
public final class SinkFeeder {
    private static final int CHUNK = 16 * 1024;

    private SinkFeeder() {
    }

    /**
     * Feeds a file's data set bytes exactly as stored (after its meta group, in its own transfer
     * syntax), as they would arrive over DIMSE; returns the status the sink answers.
     */
    public static int sendFile(StorageSink sink, Path file, String callingAe, String calledAe) throws IOException {
        DicomReader.Header h = DicomReader.readHeader(file, Tags.SOPInstanceUID + 1);
        byte[] all = Files.readAllBytes(file);
        int offset = (int) h.datasetOffset();
        StoreContext ctx = new StoreContext(callingAe, calledAe, "127.0.0.1", 40000,
                h.file().dataset().getString(Tags.SOPClassUID), h.file().dataset().getString(Tags.SOPInstanceUID),
                h.file().transferSyntax().uid(), "test");
        return feed(sink, ctx, all, offset);
    }

    /** The C-STORE status the sink answers, as the SCP would send it. */
    public static int send(StorageSink sink, Dataset ds, TransferSyntax ts, String callingAe, String calledAe)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(out, ds, ts);
        byte[] bytes = out.toByteArray();
        StoreContext ctx = new StoreContext(callingAe, calledAe, "127.0.0.1", 40000, ds.getString(Tags.SOPClassUID),
                ds.getString(Tags.SOPInstanceUID), ts.uid(), "test");
        return feed(sink, ctx, bytes, 0);
    }

    /** Bytes from {@code start} on, in PDV-sized chunks, then the commit. */
    private static int feed(StorageSink sink, StoreContext ctx, byte[] bytes, int start) throws IOException {
        try {
            StorageTarget t = sink.begin(ctx);
            try {
                for (int off = start; off < bytes.length; off += CHUNK) {
                    t.write(ByteBuffer.wrap(bytes, off, Math.min(CHUNK, bytes.length - off)));
                }
            } catch (IOException e) {
                t.abort();
                throw e;
            }
            return t.commit();
        } catch (DimseException e) {
            return e.status();
        }
    }
}
