package org.qanode.bench;

import org.qanode.dicom.Tags;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.qanode.dicom.BulkData;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tag;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.ReadOptions;
import org.qanode.dicom.io.TransferSyntax;

/**
 * Reader benchmarks, run by bench/parse-bench.sh (not a unit test):
 * <ul>
 *   <li>{@code throughput FILE...}: full parse (every value loaded) from memory, MB/s per file;</li>
 *   <li>{@code series DIR}: full parse of every file of a directory from disk (page cache), MB/s;</li>
 *   <li>{@code write-big FILE MB}: a multi-frame CT of about MB megabytes, Pixel Data streamed from
 *       a raw file through {@link BulkData}, never held in memory;</li>
 *   <li>{@code read-big FILE}: reads it with bulk data by reference; prints the peak heap.</li>
 * </ul>
 */
public final class ParseBench {
    private ParseBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "throughput" -> {
                for (int i = 1; i < args.length; i++) {
                    throughput(Path.of(args[i]));
                }
            }
            case "series" -> series(Path.of(args[1]));
            case "write-big" -> writeBig(Path.of(args[1]), Long.parseLong(args[2]));
            case "read-big" -> readBig(Path.of(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void throughput(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int rounds = (int) Math.max(20, 400_000_000L / bytes.length);
        for (int i = 0; i < rounds / 2; i++) { // warm-up
            parse(bytes);
        }
        long t0 = System.nanoTime();
        long elements = 0;
        for (int i = 0; i < rounds; i++) {
            elements = parse(bytes);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("throughput %-50s %8.1f KB %8d elements %8.1f MB/s %8.3f ms/parse%n", file.getFileName(),
                bytes.length / 1e3, elements, bytes.length * (double) rounds / s / 1e6, s * 1e3 / rounds);
    }

    private static long parse(byte[] bytes) throws IOException {
        DicomFile f = DicomReader.readFile(new ByteArrayInputStream(bytes), ReadOptions.DEFAULT);
        return count(f.dataset());
    }

    private static long count(Dataset ds) {
        long n = ds.size();
        for (int i = 0; i < ds.size(); i++) {
            if (ds.valueAt(i) instanceof Sequence seq) {
                for (Dataset item : seq) {
                    n += count(item);
                }
            }
        }
        return n;
    }

    private static void series(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        for (int round = 0; round < 4; round++) {
            long t0 = System.nanoTime();
            long bytes = 0;
            for (Path f : files) {
                DicomReader.readFile(f);
                bytes += Files.size(f);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("series round %d: %d files, %.1f MB in %.3f s: %.1f MB/s, %.0f files/s%n", round + 1,
                    files.size(), bytes / 1e6, s, bytes / s / 1e6, files.size() / s);
        }
    }

    /** 512 x 512 x 16 bit frames, as many as fit in {@code megabytes}. */
    private static void writeBig(Path file, long megabytes) throws IOException {
        int frameBytes = 512 * 512 * 2;
        int frames = (int) (megabytes * 1024 * 1024 / frameBytes);
        Path raw = file.resolveSibling(file.getFileName() + ".raw");
        byte[] frame = new byte[frameBytes];
        for (int i = 0; i < frame.length; i += 2) {
            frame[i] = (byte) i;
            frame[i + 1] = (byte) ((i >> 8) & 0x0F);
        }
        try (OutputStream os = Files.newOutputStream(raw)) {
            for (int i = 0; i < frames; i++) {
                os.write(frame);
            }
        }
        Dataset ds = new Dataset();
        ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2.1"); // Enhanced CT
        ds.setString(Tags.SOPInstanceUID, VR.UI, org.qanode.dicom.UID.toUuidUid());
        ds.setString(0x00080060, VR.CS, "CT");
        ds.setInt(0x00280002, VR.US, 1);
        ds.setString(0x00280004, VR.CS, "MONOCHROME2");
        ds.setString(0x00280008, VR.IS, Integer.toString(frames));
        ds.setInt(0x00280010, VR.US, 512);
        ds.setInt(0x00280011, VR.US, 512);
        ds.setInt(0x00280100, VR.US, 16);
        ds.setInt(0x00280101, VR.US, 12);
        ds.setInt(0x00280102, VR.US, 11);
        ds.setInt(0x00280103, VR.US, 0);
        ds.setValue(Tags.PixelData, VR.OW, new BulkData(raw, 0, (long) frames * frameBytes, false));
        long t0 = System.nanoTime();
        DicomWriter.writeFile(file, ds, TransferSyntax.EXPLICIT_LE);
        Files.delete(raw);
        System.out.printf("wrote %s: %d frames, %.1f MB in %.1f s, peak heap %.1f MB%n", file, frames,
                Files.size(file) / 1e6, (System.nanoTime() - t0) / 1e9, peakHeapMb());
    }

    private static void readBig(Path file) throws IOException {
        long t0 = System.nanoTime();
        DicomFile f = DicomReader.readFile(file, ReadOptions.withBulkDataByReference());
        BulkData pixels = (BulkData) f.dataset().getValue(Tags.PixelData);
        // touch the value: stream it through once, in 64 KB steps
        long sum = 0;
        try (InputStream in = pixels.openStream()) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0;) {
                sum += buf[n - 1];
            }
        }
        System.out.printf("read %s (%.1f MB, Pixel Data %d bytes by reference, checksum %d) in %.2f s; "
                + "max heap %.0f MB, peak heap used %.1f MB%n", file.getFileName(), Files.size(file) / 1e6,
                pixels.length(), sum, (System.nanoTime() - t0) / 1e9,
                Runtime.getRuntime().maxMemory() / 1048576.0, peakHeapMb());
    }

    /** Sum of the peak usage of every heap pool since the JVM started. */
    static double peakHeapMb() {
        long peak = 0;
        List<MemoryPoolMXBean> pools = new ArrayList<>(ManagementFactory.getMemoryPoolMXBeans());
        for (MemoryPoolMXBean p : pools) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576.0;
    }
}
