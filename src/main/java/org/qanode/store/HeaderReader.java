package org.qanode.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.ReadOptions;

/**
 * Reads what the index needs from a stored file, stopping before Pixel Data. When the header
 * cannot be parsed, a second read stops before group 0x0028 (after the patient, study and
 * series identification of groups 0008 to 0020) so that an unreadable object still shows up
 * under its patient; the parse error is kept for the index. A value the index cannot hold as
 * it is (a UID that is not one, see {@link IndexFields}) is reported in {@code invalid}, with
 * no fields: such an object is refused, not indexed with a cut value.
 *
 * <p>Of the top-level sequences only the one the index reads (Referenced RT Plan) is built; the
 * others (beams, control points, fraction groups: most of a plan) are walked for their structure
 * and skipped, so a broken one still makes the object unreadable, at a fraction of the cost.
 */
final class HeaderReader {
    /** Identification modules live below this tag; RT content (300A...) comes much later. */
    private static final int IDENTIFICATION_END = 0x00280000;
    private static final ReadOptions HEADER =
            ReadOptions.stopBefore(Tags.PixelData).keepingOnlySequences(HeaderReader::indexed);
    private static final ReadOptions IDENTIFICATION =
            ReadOptions.stopBefore(IDENTIFICATION_END).keepingOnlySequences(HeaderReader::indexed);

    private HeaderReader() {
    }

    record Header(IndexFields fields, String datasetSopInstanceUid, String transferSyntaxUid,
            String sourceAeTitle, String parseError, String invalid) {
    }

    static Header read(Path file, String commandSopClassUid) {
        return read(file, null, commandSopClassUid);
    }

    /**
     * Reads {@code file}'s header, from {@code held} (the whole file, as {@link DurableFile#heldFile}
     * gives it) when not null: the same reader with the same length, so the same outcome and
     * messages as from the file.
     */
    static Header read(Path file, ByteBuffer held, String commandSopClassUid) {
        try {
            DicomFile f = read(file, held, HEADER);
            return header(f, commandSopClassUid, null);
        } catch (IOException e) {
            String error = e.getMessage();
            try {
                DicomFile partial = read(file, held, IDENTIFICATION);
                return header(partial, commandSopClassUid, error);
            } catch (IOException again) {
                return new Header(IndexFields.onlySopClass(commandSopClassUid), null, null, null, error, null);
            }
        }
    }

    private static DicomFile read(Path file, ByteBuffer held, ReadOptions options) throws IOException {
        if (held == null) {
            return DicomReader.readFile(file, options);
        }
        InputStream in = new ByteArrayInputStream(held.array(), held.arrayOffset() + held.position(), held.remaining());
        return DicomReader.readWithOffset(in, held.remaining(), file, options).file();
    }

    /** The sequences {@link IndexFields#of} reads. */
    private static boolean indexed(int sequenceTag) {
        return sequenceTag == Tags.ReferencedRTPlanSequence;
    }

    private static Header header(DicomFile f, String commandSopClassUid, String error) {
        Dataset meta = f.fileMeta();
        String sopClass = commandSopClassUid != null ? commandSopClassUid
                : meta != null ? meta.getString(Tags.MediaStorageSOPClassUID) : null;
        String source = meta != null ? meta.getString(Tags.SourceApplicationEntityTitle) : null;
        try {
            String uid = IndexFields.uid(f.dataset(), Tags.SOPInstanceUID);
            if (uid == null && meta != null) {
                uid = IndexFields.uid(meta, Tags.MediaStorageSOPInstanceUID);
            }
            return new Header(IndexFields.of(f.dataset(), sopClass), uid, f.transferSyntax().uid(), source, error, null);
        } catch (IndexFields.InvalidValue e) {
            return new Header(null, null, f.transferSyntax().uid(), source, error, e.getMessage());
        }
    }
}
