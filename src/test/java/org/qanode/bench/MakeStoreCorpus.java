package org.qanode.bench;

import org.qanode.dicom.Tags;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.qanode.dicom.BulkData;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tag;
import org.qanode.dicom.UID;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.testing.RtObjects;

/**
 * Corpora for bench/store-bench.sh, each file written by our writer in Explicit VR Little Endian
 * so every receiver gets the same bytes without conversion:
 *
 * <pre>
 *   plans   SAMPLES OUT N      the corpus RT plans of standard SOP classes, round robin, new SOP Instance UID each
 *   records OUT N              RT Beams Treatment Records of synthetic VMAT plans (RtObjects), 20 fractions per plan
 *   big     OUT N MB           N Secondary Capture objects with MB megabytes of Pixel Data each: noise,
 *                              different per object (zeros were written to this VM's disk 2-3x faster
 *                              than real data, as the host saw them for what they are)
 * </pre>
 */
public final class MakeStoreCorpus {
    private MakeStoreCorpus() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0].equals("plans") ? args[2] : args[1]));
        switch (args[0]) {
            case "plans" -> plans(Path.of(args[1]), out, Integer.parseInt(args[3]));
            case "records" -> records(out, Integer.parseInt(args[2]));
            case "big" -> big(out, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("plans | records | big");
        }
    }

    private static void plans(Path samples, Path out, int n) throws IOException {
        List<Path> sources;
        try (Stream<Path> s = Files.list(samples.resolve("rtplan"))) {
            sources = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        List<DicomFile> usable = sources.stream().map(MakeStoreCorpus::read)
                .filter(f -> UID.isStorageSopClass(f.dataset().getString(Tags.SOPClassUID))).toList();
        for (int i = 0; i < n; i++) {
            Dataset ds = usable.get(i % usable.size()).dataset();
            ds.setString(Tags.SOPInstanceUID, VR.UI, UID.toUuidUid());
            DicomWriter.writeFile(out.resolve(String.format("RP%05d.dcm", i + 1)), ds, TransferSyntax.EXPLICIT_LE);
        }
    }

    private static void records(Path out, int n) throws IOException {
        int perPlan = 20;
        Dataset plan = null;
        for (int i = 0; i < n; i++) {
            int patient = i / perPlan + 1;
            if (i % perPlan == 0) {
                plan = RtObjects.vmatPlan(patient, 1, 2, 178, 60);
            }
            Dataset record = RtObjects.beamsRecord(plan, patient, 1, i % perPlan + 1);
            DicomWriter.writeFile(out.resolve(String.format("RT%05d.dcm", i + 1)), record, TransferSyntax.EXPLICIT_LE);
        }
    }

    private static void big(Path out, int n, int mb) throws IOException {
        Path noise = out.resolve("noise.bin");
        for (int i = 0; i < n; i++) {
            writeNoise(noise, mb, new SplittableRandom(i + 1));
            Dataset ds = new Dataset();
            ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
            ds.setString(Tags.SOPInstanceUID, VR.UI, UID.toUuidUid());
            ds.setString(0x00080060, VR.CS, "OT");
            ds.setString(0x00100020, VR.LO, "BENCH");
            ds.setValue(0x7FE00010, VR.OB, new BulkData(noise, 0, (long) mb << 20, false));
            DicomWriter.writeFile(out.resolve(String.format("BIG%03d.dcm", i + 1)), ds, TransferSyntax.EXPLICIT_LE);
        }
        Files.delete(noise);
    }

    private static void writeNoise(Path file, int mb, SplittableRandom random) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int m = 0; m < mb; m++) {
                block.clear();
                while (block.hasRemaining()) {
                    block.putLong(random.nextLong());
                }
                block.flip();
                while (block.hasRemaining()) {
                    ch.write(block);
                }
            }
        }
    }

    private static DicomFile read(Path p) {
        try {
            return DicomReader.readFile(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
