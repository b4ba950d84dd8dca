package org.qanode.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tag;
import org.qanode.dicom.Tags;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomParseException;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.ReadOptions;
import org.qanode.dicom.io.TransferSyntax;

/**
 * {@link DicomReader}: Part 10 streams and raw data sets. Input: one mode byte, then the bytes.
 * Mode (low 3 bits): 0-2 a stream read as a file (Part 10, or a raw data set whose transfer
 * syntax is guessed); 3 a real file with bulk data by reference (the reader knows the size and
 * checks lengths against it); 4 the same stream read up to Pixel Data (indexing); 5-7 a raw data
 * set in Implicit LE, Explicit BE, Deflated (the DIMSE path). Own exception:
 * {@link DicomParseException}, and not one that only wraps a RuntimeException (see
 * {@link Oracle#maskedBug}).
 */
final class Part10Target implements FuzzTarget {
    private static final TransferSyntax[] RAW = {TransferSyntax.IMPLICIT_LE, TransferSyntax.EXPLICIT_BE,
        TransferSyntax.DEFLATED_LE};

    private Path file;

    @Override
    public String name() {
        return "part10";
    }

    @Override
    public List<byte[]> seeds() {
        return Corpus.part10Seeds();
    }

    @Override
    public List<byte[]> dictionary() {
        return Corpus.dicomDictionary();
    }

    @Override
    public int maxLength() {
        return 64 * 1024;
    }

    @Override
    public String run(byte[] input) throws IOException {
        if (input.length == 0) {
            return "empty";
        }
        int mode = input[0] & 7;
        ByteArrayInputStream in = new ByteArrayInputStream(input, 1, input.length - 1);
        return switch (mode) {
            case 0, 1, 2 -> shape(DicomReader.readFile(in, ReadOptions.DEFAULT));
            case 3 -> shape(DicomReader.readFile(write(input), ReadOptions.withBulkDataByReference()));
            case 4 -> shape(DicomReader.readFile(in, ReadOptions.stopBefore(Tags.PixelData)));
            default -> "raw " + bucket(DicomReader.readDataset(in, RAW[mode - 5]).size());
        };
    }

    private Path write(byte[] input) {
        try {
            if (file == null) {
                file = Files.createTempFile("qanode-fuzz-", ".dcm");
                file.toFile().deleteOnExit();
            }
            Files.write(file, java.util.Arrays.copyOfRange(input, 1, input.length));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shape(DicomFile f) {
        Dataset ds = f.dataset();
        return (f.fileMeta() == null ? "raw " : "p10 ") + f.transferSyntax().uid() + " " + bucket(ds.size());
    }

    private static int bucket(int n) {
        return 32 - Integer.numberOfLeadingZeros(n);
    }

    @Override
    public boolean isOwn(Throwable t) {
        return t instanceof DicomParseException;
    }
}
