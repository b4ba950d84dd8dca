package org.qanode.dicom.io;

import org.qanode.dicom.Tags;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.qanode.dicom.BulkData;
import org.qanode.dicom.ByteValues;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.DictionaryEntry;
import org.qanode.dicom.ElementDictionary;
import org.qanode.dicom.Fragments;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tag;
import org.qanode.dicom.VR;

/**
 * Reads DICOM Part 10 files (PS3.10 section 7) and raw data sets (PS3.5 section 7) into
 * {@link Dataset}s. All four uncompressed transfer syntaxes are read; encapsulated pixel
 * data is kept as its fragments. Every failure is a {@link DicomParseException} naming the
 * offset and tag.
 *
 * <p>A top-level sequence that {@link ReadOptions#keepsSequence} turns down is walked, not kept:
 * its items and elements are read header by header and their values skipped, so a broken
 * structure fails exactly as in a full read, without building what nobody will look at. Below,
 * a {@code null} data set stands for such a discarded level.
 */
public final class DicomReader {
    private static final int UNDEFINED = -1;
    /** Deeper nesting than this is not a real data set but a crafted one aimed at the stack. */
    private static final int MAX_DEPTH = 64;
    private static final int DICM = 0x4449434D;

    private final DicomInput in;
    private final ReadOptions options;
    private final Path source;
    private int currentTag = -1;
    private long datasetOffset;
    private boolean bulkAllowed;

    private DicomReader(InputStream stream, long length, Path source, ReadOptions options) {
        this.in = new DicomInput(stream, length);
        this.options = options;
        this.source = source;
        this.bulkAllowed = source != null && options.bulkDataByReference();
    }

    public static DicomFile readFile(Path file) throws IOException {
        return readFile(file, ReadOptions.DEFAULT);
    }

    public static DicomFile readFile(Path file, ReadOptions options) throws IOException {
        try (InputStream stream = Files.newInputStream(file)) {
            return new DicomReader(stream, Files.size(file), file, options).readFile();
        }
    }

    /** What a sender needs to stream a file's data set unchanged: where it starts and how it is encoded. */
    public record Header(DicomFile file, long datasetOffset) {
    }

    /**
     * Reads the meta group and the data set up to (not including) {@code stopTag}, and tells
     * where the data set starts in the file.
     */
    public static Header readHeader(Path file, int stopTag) throws IOException {
        try (InputStream stream = Files.newInputStream(file)) {
            DicomReader r = new DicomReader(stream, Files.size(file), file, ReadOptions.stopBefore(stopTag));
            DicomFile f = r.readFile();
            return new Header(f, r.datasetOffset);
        }
    }

    /**
     * Reads a whole Part 10 file through a stream the caller opened on it, e.g. to digest the
     * bytes while they are parsed, so the file is read once; {@code length} is the file's size,
     * and bulk data references (per {@code options}) point into {@code source}. Also tells
     * where the data set starts.
     */
    public static Header readWithOffset(InputStream stream, long length, Path source, ReadOptions options)
            throws IOException {
        DicomReader r = new DicomReader(stream, length, source, options);
        DicomFile f = r.readFile();
        return new Header(f, r.datasetOffset);
    }

    /** Reads a Part 10 stream, or a raw data set whose transfer syntax is guessed. */
    public static DicomFile readFile(InputStream stream, ReadOptions options) throws IOException {
        return new DicomReader(stream, -1, null, options).readFile();
    }

    /** Reads a data set with a known transfer syntax and no meta group (e.g. a DIMSE data set). */
    public static Dataset readDataset(InputStream stream, TransferSyntax ts) throws IOException {
        return readDataset(stream, -1, ts);
    }

    /** The same from bytes in memory (a DIMSE command set, a data set received whole). */
    public static Dataset readDataset(byte[] bytes, TransferSyntax ts) throws IOException {
        return readDataset(new ByteArrayInputStream(bytes), bytes.length, ts);
    }

    private static Dataset readDataset(InputStream stream, long length, TransferSyntax ts) throws IOException {
        DicomReader r = new DicomReader(stream, length, null, ReadOptions.DEFAULT);
        return r.guard(() -> {
            if (ts.deflated()) {
                r.in.startInflating();
            }
            return r.readTopLevel(ts);
        });
    }

    private interface Body<T> {
        T run() throws IOException;
    }

    /** Turns every low-level failure into one DicomParseException with offset and tag. */
    private <T> T guard(Body<T> body) throws DicomParseException {
        try {
            return body.run();
        } catch (DicomParseException e) {
            throw e;
        } catch (EOFException e) {
            throw new DicomParseException("unexpected end of data", in.position(), currentTag, e);
        } catch (ZipException e) {
            throw new DicomParseException("corrupt deflated data: " + e.getMessage(), in.position(), currentTag, e);
        } catch (IOException | RuntimeException e) {
            throw new DicomParseException("cannot read: " + e, in.position(), currentTag, e);
        } catch (OutOfMemoryError e) {
            throw new DicomParseException("value too large for memory", in.position(), currentTag);
        }
    }

    private DicomFile readFile() throws DicomParseException {
        return guard(() -> {
            Dataset meta = readFileMetaInformation();
            TransferSyntax ts;
            if (meta != null) {
                String uid = meta.getString(Tags.TransferSyntaxUID);
                if (uid == null) {
                    throw new DicomParseException("file meta information has no Transfer Syntax UID", in.position(), -1);
                }
                ts = TransferSyntax.of(uid);
            } else {
                ts = guessTransferSyntax();
            }
            datasetOffset = in.position();
            if (ts.deflated()) {
                in.startInflating();
                bulkAllowed = false;
            }
            return new DicomFile(meta, readTopLevel(ts), ts);
        });
    }

    /**
     * The 128-byte preamble, "DICM" and the group 0002 elements, always Explicit VR Little
     * Endian (PS3.10 section 7.1). Also accepts a meta group without preamble. Null when the
     * stream starts directly with the data set.
     */
    private Dataset readFileMetaInformation() throws IOException {
        if (in.peek(128) == 'D' && in.peek(129) == 'I' && in.peek(130) == 'C' && in.peek(131) == 'M') {
            in.skip(132);
        } else if (in.peek(0) == 'D' && in.peek(1) == 'I' && in.peek(2) == 'C' && in.peek(3) == 'M') {
            in.skip(4);
        } else if (!(in.peek(0) == 0x02 && in.peek(1) == 0x00)) {
            return null;
        }
        Dataset meta = new Dataset();
        while (in.peek(0) == 0x02 && in.peek(1) == 0x00) {
            // Some writers encode the meta group in implicit VR; look before trusting a VR.
            boolean explicit = VR.ofCode((in.peek(4) << 8) | in.peek(5)) != null;
            readElement(meta, explicit, false, 0);
        }
        return meta;
    }

    /** For raw data sets (PS3.10 files without meta): look at the first element's bytes. */
    private TransferSyntax guessTransferSyntax() throws IOException {
        if (in.peek(0) < 0) {
            throw new DicomParseException("empty input", 0, -1);
        }
        boolean bigEndian = in.peek(0) == 0x00 && in.peek(1) == 0x08 && in.peek(2) != 0x00;
        boolean explicit = VR.ofCode((in.peek(4) << 8) | in.peek(5)) != null;
        if (bigEndian) {
            return TransferSyntax.EXPLICIT_BE;
        }
        return explicit ? TransferSyntax.EXPLICIT_LE : TransferSyntax.IMPLICIT_LE;
    }

    private Dataset readTopLevel(TransferSyntax ts) throws IOException {
        Dataset ds = new Dataset(null, 64);
        int stop = options.stopTag();
        while (!in.atEnd()) {
            if (stop != -1) {
                int nextTag = peekTag(ts.bigEndian());
                if (nextTag != -1 && Integer.compareUnsigned(nextTag, stop) >= 0) {
                    break;
                }
            }
            readElement(ds, ts.explicitVR(), ts.bigEndian(), 0);
        }
        return ds;
    }

    private int peekTag(boolean be) throws IOException {
        if (in.peek(3) < 0) {
            return -1;
        }
        int g = be ? (in.peek(0) << 8) | in.peek(1) : (in.peek(1) << 8) | in.peek(0);
        int e = be ? (in.peek(2) << 8) | in.peek(3) : (in.peek(3) << 8) | in.peek(2);
        return (g << 16) | e;
    }

    /** Reads one element header and value into {@code ds}. Returns the tag read. */
    private int readElement(Dataset ds, boolean explicit, boolean be, int depth) throws IOException {
        long start = in.position();
        int tag = in.readTag(be);
        currentTag = tag;
        VR vr;
        int length;
        if (Tag.isItemOrDelimiter(tag)) {
            throw new DicomParseException("unexpected " + Tag.toString(tag) + " outside a sequence", start, tag);
        }
        if (explicit) {
            int code = in.readU16(true);
            vr = VR.ofCode(code);
            if (vr == null) {
                throw new DicomParseException(String.format("invalid VR 0x%04X", code), start + 4, tag);
            }
            if (vr.explicitLength32()) {
                in.readU16(be);
                length = in.readS32(be);
            } else {
                length = in.readU16(be);
            }
        } else {
            vr = implicitVR(ds, tag);
            length = in.readS32(be);
        }
        readValue(ds, tag, vr, length, explicit, be, depth);
        return tag;
    }

    /**
     * The VR of an implicit VR element. Where PS3.6 allows "US or SS" the choice follows
     * Pixel Representation (0028,0103), as PS3.5 Annex A says for pixel-related elements.
     */
    private static VR implicitVR(Dataset ds, int tag) {
        VR vr = ElementDictionary.vrOf(tag);
        if (vr == VR.US && ds != null && Tag.group(tag) == 0x0028 && ds.getInt(0x00280103, 0) == 1) {
            DictionaryEntry entry = ElementDictionary.entry(tag);
            if (entry != null && entry.vrs().contains(VR.SS)) {
                return VR.SS;
            }
        }
        return vr;
    }

    private void readValue(Dataset ds, int tag, VR vr, int length, boolean explicit, boolean be, int depth)
            throws IOException {
        if (length == UNDEFINED) {
            if (vr == VR.SQ || !explicit) {
                sequence(ds, tag, UNDEFINED, explicit, be, depth);
            } else if (vr == VR.UN) {
                // CP-246: a UN of undefined length is a sequence encoded in Implicit VR LE.
                sequence(ds, tag, UNDEFINED, false, false, depth);
            } else if (vr == VR.OB || vr == VR.OW || tag == Tags.PixelData) {
                // PS3.5 A.4: encapsulated Pixel Data is OB, whatever VR a writer put on it
                VR fragmentsVr = tag == Tags.PixelData ? VR.OB : vr;
                Fragments fragments = readFragments(tag, fragmentsVr, be, ds != null);
                if (ds != null) {
                    ds.setValue(tag, fragmentsVr, fragments);
                }
            } else {
                throw new DicomParseException("undefined length for VR " + vr, in.position() - 4, tag);
            }
            return;
        }
        long len = length & 0xFFFFFFFFL;
        checkAvailable(len, tag);
        if (vr == VR.SQ) {
            sequence(ds, tag, len, explicit, be, depth);
            return;
        }
        if (vr == VR.UN && !explicit && len >= 8 && looksLikeItem()) {
            // Implicit VR private sequences of defined length: the dictionary cannot know them.
            sequence(ds, tag, len, false, false, depth);
            return;
        }
        if (ds == null) {
            if (len > Integer.MAX_VALUE - 16) {
                throw new EOFException(); // what readBytes would meet: the same outcome as a full read
            }
            in.skip(len);
            return;
        }
        if (bulkAllowed && depth == 0 && isBulk(tag, vr, len)) {
            ds.setValue(tag, vr, new BulkData(source, in.position(), len, be));
            in.skip(len);
            return;
        }
        byte[] value = in.readBytes(len);
        if (be) {
            ByteValues.swapByteOrder(value, vr);
        }
        ds.setValue(tag, vr, value);
    }

    /** Reads a sequence into {@code ds}, or walks it when {@code ds} is discarded or does not keep it. */
    private void sequence(Dataset ds, int tag, long length, boolean explicit, boolean be, int depth)
            throws IOException {
        if (ds == null || (depth == 0 && !options.keepsSequence(tag))) {
            readSequence(null, tag, length, explicit, be, depth);
        } else {
            ds.setValue(tag, VR.SQ, readSequence(ds, tag, length, explicit, be, depth));
        }
    }

    private boolean isBulk(int tag, VR vr, long len) {
        if (tag == Tags.PixelData || tag == Tags.FloatPixelData || tag == Tags.DoubleFloatPixelData) {
            return true;
        }
        return len >= options.bulkDataThreshold() && switch (vr) {
            case OB, OW, OF, OD, OL, OV, UN -> true;
            default -> false;
        };
    }

    private boolean looksLikeItem() throws IOException {
        return in.peek(0) == 0xFE && in.peek(1) == 0xFF && in.peek(2) == 0x00 && in.peek(3) == 0xE0;
    }

    private void checkAvailable(long len, int tag) throws DicomParseException {
        long remaining = in.remaining();
        if (remaining >= 0 && len > remaining) {
            throw new DicomParseException("value length " + len + " exceeds the " + remaining + " bytes left",
                    in.position(), tag);
        }
    }

    private Sequence readSequence(Dataset owner, int seqTag, long length, boolean explicit, boolean be, int depth)
            throws IOException {
        if (depth >= MAX_DEPTH) {
            throw new DicomParseException("sequences nested deeper than " + MAX_DEPTH, in.position(), seqTag);
        }
        Sequence seq = owner == null ? null : owner.newSequence(seqTag, 4);
        long end = length == UNDEFINED ? Long.MAX_VALUE : in.position() + length;
        while (in.position() < end) {
            long itemStart = in.position();
            int tag = in.readTag(be);
            currentTag = tag;
            int itemLength = in.readS32(be);
            if (tag == Tags.SequenceDelimitationItem) {
                if (length != UNDEFINED) {
                    continue; // tolerated: a delimiter inside a defined-length sequence
                }
                break;
            }
            if (tag != Tags.Item) {
                throw new DicomParseException("expected an item in sequence " + Tag.toString(seqTag) + ", found "
                        + Tag.toString(tag), itemStart, tag);
            }
            Dataset item = seq == null ? null : seq.addItem();
            readItem(item, itemLength, explicit, be, depth + 1);
            if (item != null) {
                item.trimToSize();
            }
            currentTag = seqTag;
        }
        if (length != UNDEFINED && in.position() != end) {
            throw new DicomParseException("items overrun the length of sequence " + Tag.toString(seqTag),
                    in.position(), seqTag);
        }
        return seq;
    }

    private void readItem(Dataset item, int length, boolean explicit, boolean be, int depth) throws IOException {
        if (length == UNDEFINED) {
            while (true) {
                if (peekTag(be) == Tags.ItemDelimitationItem) {
                    in.readTag(be);
                    in.readS32(be);
                    return;
                }
                if (in.atEnd()) {
                    throw new EOFException();
                }
                readElement(item, explicit, be, depth);
            }
        }
        long len = length & 0xFFFFFFFFL;
        checkAvailable(len, Tags.Item);
        long end = in.position() + len;
        while (in.position() < end) {
            readElement(item, explicit, be, depth);
        }
        if (in.position() != end) {
            throw new DicomParseException("elements overrun the item length", in.position(), currentTag);
        }
    }

    /** The fragments of encapsulated data (PS3.5 A.4); with {@code keep} false only walked, and null. */
    private Fragments readFragments(int tag, VR vr, boolean be, boolean keep) throws IOException {
        Fragments fragments = keep ? new Fragments(vr) : null;
        while (true) {
            long start = in.position();
            int itemTag = in.readTag(be);
            long len = in.readS32(be) & 0xFFFFFFFFL;
            if (itemTag == Tags.SequenceDelimitationItem) {
                return fragments;
            }
            if (itemTag != Tags.Item) {
                throw new DicomParseException("expected a fragment item, found " + Tag.toString(itemTag), start, tag);
            }
            checkAvailable(len, tag);
            if (fragments == null) {
                in.skip(len);
            } else if (bulkAllowed && fragments.size() > 0) {
                fragments.add(new BulkData(source, in.position(), len, false));
                in.skip(len);
            } else {
                fragments.add(in.readBytes(len));
            }
        }
    }
}
