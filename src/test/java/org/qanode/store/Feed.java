package org.qanode.store;

import java.nio.ByteBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.ReadOptions;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.dimse.DimseException;
import org.qanode.net.dimse.StorageSink;
import org.qanode.net.dimse.StorageTarget;
import org.qanode.net.dimse.StoreContext;

/**
 * Plays the C-STORE SCP for the store tests: one object's command fields and its data set
 * bytes exactly as they would arrive over DIMSE (the bytes after the file meta group, in the
 * file's transfer syntax), fed to a sink in PDV-sized chunks.
 */
record Feed(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, byte[] dataset) {
    static final int CHUNK = 16 * 1024;

    static Feed of(Path sample) throws IOException {
        DicomFile f = DicomReader.readFile(sample, ReadOptions.stopBefore(Tags.PixelData));
        byte[] all = Files.readAllBytes(sample);
        byte[] dataset = Arrays.copyOfRange(all, (int) Part10.datasetOffset(sample), all.length);
        return new Feed(IndexValues.first(f.dataset(), Tags.SOPClassUID), IndexValues.first(f.dataset(), Tags.SOPInstanceUID),
                f.transferSyntax().uid(), dataset);
    }

    /** The truncated sample cannot be parsed, but its command fields are known from its meta. */
    static Feed ofUnreadable(Path sample) throws IOException {
        DicomFile meta = DicomReader.readFile(sample, ReadOptions.stopBefore(0x00080000));
        byte[] all = Files.readAllBytes(sample);
        return new Feed(meta.fileMeta().getString(Tags.MediaStorageSOPClassUID),
                meta.fileMeta().getString(Tags.MediaStorageSOPInstanceUID),
                meta.transferSyntax().uid(), Arrays.copyOfRange(all, (int) Part10.datasetOffset(sample), all.length));
    }

    static Feed of(Dataset ds, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(out, ds, ts);
        return new Feed(ds.getString(Tags.SOPClassUID), ds.getString(Tags.SOPInstanceUID), ts.uid(), out.toByteArray());
    }

    StoreContext context(String calledAe) {
        return new StoreContext("ROIS", calledAe, "127.0.0.1", 40000, sopClassUid, sopInstanceUid, transferSyntaxUid, "a1");
    }

    /** begin, write in chunks, commit: the status, or the DimseException's status. */
    int sendTo(StorageSink sink, String calledAe) throws IOException {
        try {
            StorageTarget t = sink.begin(context(calledAe));
            try {
                for (int off = 0; off < dataset.length; off += CHUNK) {
                    t.write(ByteBuffer.wrap(dataset, off, Math.min(CHUNK, dataset.length - off)));
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

    String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(dataset));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
