package org.qanode.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
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

    /** The C-STORE status the sink answers, as the SCP would send it. */
    public static int send(StorageSink sink, Dataset ds, TransferSyntax ts, String callingAe, String calledAe)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(out, ds, ts);
        byte[] bytes = out.toByteArray();
        StoreContext ctx = new StoreContext(callingAe, calledAe, "127.0.0.1", 40000, ds.getString(Tags.SOPClassUID),
                ds.getString(Tags.SOPInstanceUID), ts.uid(), "test");
        try {
            StorageTarget t = sink.begin(ctx);
            try {
                for (int off = 0; off < bytes.length; off += CHUNK) {
                    t.write(bytes, off, Math.min(CHUNK, bytes.length - off));
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
