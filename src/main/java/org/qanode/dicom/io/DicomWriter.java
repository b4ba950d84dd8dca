package org.qanode.dicom.io;

import org.qanode.dicom.Tags;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.qanode.dicom.BulkData;
import org.qanode.dicom.ByteValues;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Fragments;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tag;
import org.qanode.dicom.VR;

/**
 * Writes data sets in any uncompressed transfer syntax (or deflated), and Part 10 files with
 * a file meta group built here (PS3.10 section 7.1). Group length elements other than
 * (0002,0000) are never written: they are retired (PS3.5 section 7.2) and the one place
 * they would have to be recomputed. Sequences and items are written with undefined length,
 * so nothing needs to be measured in advance.
 */
public final class DicomWriter {
    /** Our Implementation Class UID (PS3.7 D.3.3.2): a 2.25 UUID-derived root owned by this project. */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.152952383120957262218604432457317633581";
    public static final String IMPLEMENTATION_VERSION_NAME = "QANODE_010";

    private final OutputStream out;
    private final boolean explicit;
    private final boolean be;
    private final byte[] header = new byte[12];

    private DicomWriter(OutputStream out, TransferSyntax ts) {
        this.out = out;
        this.explicit = ts.explicitVR();
        this.be = ts.bigEndian();
    }

    /** Writes a Part 10 file: preamble, "DICM", meta group, data set in {@code ts}. */
    public static void writeFile(Path file, Dataset dataset, TransferSyntax ts) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            writeFile(os, createFileMetaInformation(dataset, ts.uid(), null), dataset, ts);
        }
    }

    /** Writes a Part 10 stream with the given meta group; its transfer syntax must match {@code ts}. */
    public static void writeFile(OutputStream os, Dataset fileMeta, Dataset dataset, TransferSyntax ts)
            throws IOException {
        writePreambleAndMeta(os, fileMeta);
        writeDataset(os, dataset, ts);
    }

    /**
     * The 128-byte preamble, "DICM" and the meta group: what precedes a data set in a Part 10
     * file. A storage SCP writes this and then the received data set bytes unchanged.
     */
    public static void writePreambleAndMeta(OutputStream os, Dataset fileMeta) throws IOException {
        os.write(new byte[128]);
        os.write(new byte[] {'D', 'I', 'C', 'M'});
        writeFileMetaGroup(os, fileMeta);
    }

    /** Writes a bare data set (no preamble, no meta), as carried by DIMSE or stored by some systems. */
    public static void writeDataset(OutputStream os, Dataset dataset, TransferSyntax ts) throws IOException {
        if (ts.deflated()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            try {
                DeflaterOutputStream dos = new DeflaterOutputStream(nonClosing(os), deflater, 8192);
                new DicomWriter(dos, ts).writeElements(dataset);
                dos.finish();
                if ((deflater.getBytesWritten() & 1) != 0) {
                    // even length, as dcmtk and pydicom write it (values and files are even in DICOM)
                    os.write(0);
                }
            } finally {
                deflater.end();
            }
        } else {
            new DicomWriter(os, ts).writeElements(dataset);
        }
        os.flush();
    }

    /**
     * Builds a meta group for {@code dataset} (PS3.10 Table 7.1-1): version, SOP class and
     * instance from the data set, the transfer syntax, our implementation identity.
     */
    public static Dataset createFileMetaInformation(Dataset dataset, String transferSyntaxUid, String sourceAeTitle) {
        return createFileMetaInformation(uid(dataset, Tags.SOPClassUID), uid(dataset, Tags.SOPInstanceUID),
                transferSyntaxUid, sourceAeTitle);
    }

    /**
     * A UID value by its bytes, whatever VR the data set gave it: some writers put explicit
     * UN on standard elements (gdcmconv did on a corpus sample), and a UN reads as hex.
     */
    private static String uid(Dataset dataset, int tag) {
        byte[] b = dataset.getBytes(tag);
        if (b == null) {
            return null;
        }
        return ByteValues.trimPadding(new String(b, java.nio.charset.StandardCharsets.US_ASCII), VR.UI);
    }

    public static Dataset createFileMetaInformation(String sopClassUid, String sopInstanceUid,
            String transferSyntaxUid, String sourceAeTitle) {
        Dataset meta = new Dataset();
        meta.setBytes(0x00020001, VR.OB, new byte[] {0, 1});
        meta.setString(Tags.MediaStorageSOPClassUID, VR.UI, nullToEmpty(sopClassUid));
        meta.setString(Tags.MediaStorageSOPInstanceUID, VR.UI, nullToEmpty(sopInstanceUid));
        meta.setString(Tags.TransferSyntaxUID, VR.UI, transferSyntaxUid);
        meta.setString(0x00020012, VR.UI, IMPLEMENTATION_CLASS_UID);
        meta.setString(0x00020013, VR.SH, IMPLEMENTATION_VERSION_NAME);
        if (sourceAeTitle != null && !sourceAeTitle.isBlank()) {
            meta.setString(0x00020016, VR.AE, sourceAeTitle.trim());
        }
        return meta;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Group 0002, Explicit VR LE, led by its group length recomputed from what follows. */
    private static void writeFileMetaGroup(OutputStream os, Dataset meta) throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(256);
        Dataset rest = new Dataset();
        rest.addAll(meta);
        rest.remove(Tags.FileMetaInformationGroupLength);
        new DicomWriter(body, TransferSyntax.EXPLICIT_LE).writeElements(rest);
        Dataset length = new Dataset();
        length.setInt(Tags.FileMetaInformationGroupLength, VR.UL, body.size());
        new DicomWriter(os, TransferSyntax.EXPLICIT_LE).writeElements(length);
        body.writeTo(os);
    }

    private void writeElements(Dataset ds) throws IOException {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (Tag.isGroupLength(tag) && Tag.group(tag) != 0x0002) {
                continue;
            }
            writeElement(tag, ds.vrAt(i), ds.valueAt(i));
        }
    }

    private void writeElement(int tag, VR vr, Object value) throws IOException {
        if (value instanceof Sequence seq) {
            writeHeader(tag, VR.SQ, -1);
            for (Dataset item : seq) {
                writeHeader(Tags.Item, null, -1);
                writeElements(item);
                writeHeader(Tags.ItemDelimitationItem, null, 0);
            }
            writeHeader(Tags.SequenceDelimitationItem, null, 0);
        } else if (value instanceof Fragments fragments) {
            writeHeader(tag, fragments.vr(), -1);
            for (Object fragment : fragments.items()) {
                long len = Fragments.lengthOf(fragment);
                writeHeader(Tags.Item, null, (int) (len + (len & 1)));
                writeRaw(fragment, VR.OB, false);
                if ((len & 1) != 0) {
                    out.write(0);
                }
            }
            writeHeader(Tags.SequenceDelimitationItem, null, 0);
        } else {
            long len = value instanceof byte[] b ? b.length : ((BulkData) value).length();
            long padded = len + (len & 1);
            VR written = vr;
            if (explicit && !vr.explicitLength32() && padded > 0xFFFF) {
                // A short-length VR cannot carry this value explicitly; UN can (PS3.5 6.2.2 note).
                written = VR.UN;
            }
            if (padded > 0xFFFFFFFEL) {
                throw new IOException("value of " + Tag.toString(tag) + " is too long to encode: " + len);
            }
            writeHeader(tag, written, (int) padded);
            writeRaw(value, vr, be && written != VR.UN);
            if ((len & 1) != 0) {
                out.write(vr.paddingByte());
            }
        }
    }

    private void writeRaw(Object value, VR vr, boolean swap) throws IOException {
        if (value instanceof byte[] b) {
            if (swap && needsSwap(vr)) {
                byte[] copy = b.clone();
                ByteValues.swapByteOrder(copy, vr);
                out.write(copy);
            } else {
                out.write(b);
            }
            return;
        }
        BulkData bulk = (BulkData) value;
        boolean swapBulk = needsSwap(vr) && (swap != bulk.bigEndian());
        try (InputStream in = bulk.openStream()) {
            byte[] buf = new byte[64 * 1024];
            long left = bulk.length();
            while (left > 0) {
                int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, left));
                if (n <= 0) {
                    throw new IOException("bulk data source ended early: " + bulk.file());
                }
                if (swapBulk) {
                    byte[] chunk = java.util.Arrays.copyOf(buf, n);
                    ByteValues.swapByteOrder(chunk, vr);
                    out.write(chunk);
                } else {
                    out.write(buf, 0, n);
                }
                left -= n;
            }
        }
    }

    private static boolean needsSwap(VR vr) {
        return !vr.isText() && (vr == VR.AT || vr.binaryValueSize() >= 2);
    }

    /** Element header per PS3.5 7.1.1-7.1.3; {@code vr} null for item and delimitation tags. */
    private void writeHeader(int tag, VR vr, int length) throws IOException {
        int n;
        put16(0, tag >>> 16);
        put16(2, tag & 0xFFFF);
        if (vr == null || !explicit) {
            put32(4, length);
            n = 8;
        } else {
            header[4] = (byte) (vr.code() >> 8);
            header[5] = (byte) vr.code();
            if (vr.explicitLength32()) {
                header[6] = 0;
                header[7] = 0;
                put32(8, length);
                n = 12;
            } else {
                put16(6, length);
                n = 8;
            }
        }
        out.write(header, 0, n);
    }

    private void put16(int off, int v) {
        if (be) {
            header[off] = (byte) (v >> 8);
            header[off + 1] = (byte) v;
        } else {
            ByteValues.put16(header, off, v);
        }
    }

    private void put32(int off, int v) {
        if (be) {
            header[off] = (byte) (v >> 24);
            header[off + 1] = (byte) (v >> 16);
            header[off + 2] = (byte) (v >> 8);
            header[off + 3] = (byte) v;
        } else {
            ByteValues.put32(header, off, v);
        }
    }

    private static OutputStream nonClosing(OutputStream os) {
        return new java.io.FilterOutputStream(os) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
