package org.qanode.dicom.io;

import org.qanode.dicom.Tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.ByteValues;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tag;
import org.qanode.dicom.VR;
import org.qanode.testing.Samples;

/**
 * Damaged input ends in a data set or a {@link DicomParseException}, never in another
 * exception, an Error or a hang. For every sample: {@value #TRUNCATIONS} truncation points
 * (the first ones inside the preamble, meta group and first element headers, the rest spread
 * over the file) and {@value #FLIPS} single-byte changes, all from a seed fixed per file, so a
 * failure names a case that can be replayed. Plus crafted inputs aimed at the known ways
 * readers die: forged lengths, odd lengths, bad VR codes, trailing garbage, nesting bombs,
 * undefined-length UN (CP-246) and items that lie about their length.
 */
class ReaderRobustnessTest {
    static final int TRUNCATIONS = 50;
    static final int FLIPS = 60;
    /** Generous: the largest sample parses in milliseconds; a bound this size only catches hangs. */
    static final Duration PER_CASE = Duration.ofSeconds(10);

    /** What damaged input led to, by outcome and root cause, printed once at the end. */
    static final Map<String, Integer> OUTCOMES = new ConcurrentHashMap<>();

    @TempDir
    static Path tmp;

    @AfterAll
    static void report() {
        System.out.println("ReaderRobustnessTest outcomes: " + new TreeMap<>(OUTCOMES));
    }

    @TestFactory
    Stream<DynamicTest> truncatedAndFlippedSamplesFailCleanly() {
        return Samples.all().stream().map(file -> DynamicTest.dynamicTest(Samples.root().relativize(file).toString(),
                () -> damageOneFile(file)));
    }

    private void damageOneFile(Path file) throws IOException {
        byte[] original = Files.readAllBytes(file);
        long seed = file.getFileName().toString().hashCode();
        Random random = new Random(seed);
        List<Integer> cuts = new ArrayList<>();
        for (int p : new int[] {0, 1, 4, 127, 128, 131, 132, 136, 140, 144, 150, 160, 200, 260}) {
            if (p < original.length) {
                cuts.add(p);
            }
        }
        while (cuts.size() < TRUNCATIONS) {
            cuts.add(random.nextInt(original.length));
        }
        for (int i = 0; i < cuts.size(); i++) {
            int cut = cuts.get(i);
            byte[] damaged = java.util.Arrays.copyOf(original, cut);
            // half of them from a file (size known: lengths checked before allocating), half as a stream
            boolean viaFile = (i & 1) == 0;
            check(damaged, viaFile, file + " truncated at " + cut + (viaFile ? " (file)" : " (stream)"));
        }
        for (int i = 0; i < FLIPS; i++) {
            byte[] damaged = original.clone();
            // most flips near the start, where the headers are dense; the rest anywhere
            int at = random.nextInt(4) == 0 ? random.nextInt(damaged.length) : random.nextInt(Math.min(damaged.length, 4096));
            int value = random.nextInt(256);
            damaged[at] = (byte) (damaged[at] == (byte) value ? value ^ 0xFF : value);
            check(damaged, (i & 1) == 0, file + " seed " + seed + " byte " + at + " set to " + (damaged[at] & 0xFF));
        }
    }

    private void check(byte[] data, boolean viaFile, String what) {
        String outcome = assertTimeoutPreemptively(PER_CASE, () -> {
            try {
                if (viaFile) {
                    Path f = Files.write(tmp.resolve("case.dcm"), data);
                    DicomReader.readFile(f);
                } else {
                    DicomReader.readFile(new ByteArrayInputStream(data), ReadOptions.DEFAULT);
                }
                return "parsed";
            } catch (DicomParseException e) {
                assertThat(e.offset()).as(what + ": offset").isBetween(0L, Long.MAX_VALUE);
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                // a RuntimeException inside means a reader bug turned into a parse error by the guard
                assertThat(root).as(what + ": root cause " + root).isNotInstanceOf(RuntimeException.class);
                return "DicomParseException/" + root.getClass().getSimpleName();
            } catch (Throwable t) {
                throw new AssertionError(what + ": " + t, t);
            }
        }, what);
        OUTCOMES.merge(outcome, 1, Integer::sum);
    }

    // ------------------------------------------------------------------ crafted cases

    /** A forged length on a source of unknown size must end in EOF, not in a huge allocation. */
    @Test
    void forgedHugeLengthOnAStreamDoesNotAllocateIt() {
        for (long forged : new long[] {0xFFFFFFF0L, 0x7FFFFFF0L, 0x40000000L}) {
            byte[] data = explicitLe(element(0x00091010, "OB", forged, new byte[3 << 20]));
            assertThatThrownBy(() -> assertTimeoutPreemptively(PER_CASE,
                    () -> DicomReader.readFile(new ByteArrayInputStream(data), ReadOptions.DEFAULT)))
                    .as("length %08X", forged)
                    .isInstanceOf(DicomParseException.class)
                    .hasMessageContaining("unexpected end of data")
                    .hasMessageContaining("(0009,1010)")
                    .hasRootCauseInstanceOf(java.io.EOFException.class);
        }
    }

    /** The same forged length in a file: refused against the file size before reading. */
    @Test
    void forgedLengthInAFileIsRefusedUpFront() throws IOException {
        Path f = Files.write(tmp.resolve("forged.dcm"), explicitLe(element(0x00091010, "OB", 0x7FFFFFF0L, new byte[100])));
        assertThatThrownBy(() -> DicomReader.readFile(f))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("exceeds");
    }

    /**
     * Proof with a small heap: a JVM with -Xmx32m reads a 4 MB stream whose first element
     * claims 2 GB. Growing the array chunk by chunk, the reader holds at most about twice what
     * really arrived, so it ends in a parse error at the end of the data, not in an
     * OutOfMemoryError (which the reader would report as "value too large for memory").
     */
    @Test
    void forgedLengthNeverRequestsTheForgedArray() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                ForgedLengthProbe.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("DicomParseException").contains("unexpected end of data");
    }

    /** Run by {@link #forgedLengthNeverRequestsTheForgedArray} in its own small JVM. */
    public static final class ForgedLengthProbe {
        public static void main(String[] args) throws Exception {
            byte[] header = element(0x00091010, "OB", 0x7FFFFFF0L, new byte[0]);
            InputStream in = new java.io.SequenceInputStream(new ByteArrayInputStream(explicitLe(header)),
                    new ByteArrayInputStream(new byte[4 << 20]));
            try {
                DicomReader.readFile(in, ReadOptions.DEFAULT);
                System.out.println("parsed?!");
                System.exit(1);
            } catch (DicomParseException e) {
                System.out.println("DicomParseException: " + e.getMessage());
            }
        }
    }

    @Test
    void oddLengthsAreReadAsTheyAre() throws IOException {
        byte[] data = explicitLe(element(0x00100010, "PN", 3, "Doe".getBytes()),
                element(0x00101010, "AS", 1, "5".getBytes()));
        Dataset ds = DicomReader.readFile(new ByteArrayInputStream(data), ReadOptions.DEFAULT).dataset();
        assertThat(ds.getString(0x00100010)).isEqualTo("Doe");
        assertThat(ds.getBytes(0x00101010)).hasSize(1);
    }

    @Test
    void unknownVrCodeIsAParseErrorNamingTagAndOffset() {
        byte[] data = explicitLe(element(0x00100010, "PN", 4, "Doe ".getBytes()),
                element(0x00100020, "ZZ", 4, "1234".getBytes()));
        assertThatThrownBy(() -> DicomReader.readFile(new ByteArrayInputStream(data), ReadOptions.DEFAULT))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("invalid VR")
                .hasMessageContaining("(0010,0020)")
                .satisfies(e -> assertThat(((DicomParseException) e).offset()).isEqualTo(132 + metaLength() + 12 + 4));
    }

    @Test
    void garbageAfterTheDataSetEndsInParseErrorNotWorse() {
        byte[] ds = explicitLe(element(0x00100010, "PN", 4, "Doe ".getBytes()));
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[1 + random.nextInt(64)];
            random.nextBytes(garbage);
            byte[] data = concat(ds, garbage);
            check(data, false, "garbage case " + i);
            check(data, true, "garbage case " + i);
        }
        // NUL padding after the data set (seen in the wild) is also no reason to crash
        check(concat(ds, new byte[100]), false, "NUL padding");
    }

    @Test
    void nestingBombIsAParseErrorNotAStackOverflow() {
        for (boolean explicit : new boolean[] {true, false}) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; i < 100_000; i++) {
                // (300A,00B0) BeamSequence, undefined length, then an undefined-length item
                b.writeBytes(explicit ? concat(tagBytes(0x300A00B0), "SQ".getBytes(), new byte[2], le32(-1))
                        : concat(tagBytes(0x300A00B0), le32(-1)));
                b.writeBytes(concat(tagBytes(Tags.Item), le32(-1)));
            }
            byte[] data = concat(meta(explicit ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN
                    : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN), b.toByteArray());
            assertThatThrownBy(() -> assertTimeoutPreemptively(PER_CASE,
                    () -> DicomReader.readFile(new ByteArrayInputStream(data), ReadOptions.DEFAULT)))
                    .isInstanceOf(DicomParseException.class)
                    .hasMessageContaining("nested deeper");
        }
    }

    @Test
    void nestingBombThroughUndefinedLengthUnIsCaughtToo() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(concat(tagBytes(0x00091010), "UN".getBytes(), new byte[2], le32(-1)));
        for (int i = 0; i < 100_000; i++) {
            b.writeBytes(concat(tagBytes(Tags.Item), le32(-1), tagBytes(0x00091010), le32(-1)));
        }
        byte[] data = concat(meta(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), b.toByteArray());
        assertThatThrownBy(() -> DicomReader.readFile(new ByteArrayInputStream(data), ReadOptions.DEFAULT))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("nested deeper");
    }

    /** CP-246: an explicit UN of undefined length is a sequence in Implicit VR Little Endian. */
    @Test
    void undefinedLengthUnIsReadAsImplicitSequence() throws IOException {
        byte[] item = concat(element(0x00100010, null, 4, "Doe ".getBytes()),
                element(0x300A00B2, null, 6, "TB1234".getBytes()));
        byte[] data = explicitLe(
                concat(tagBytes(0x300A00B0), "UN".getBytes(), new byte[2], le32(-1),
                        tagBytes(Tags.Item), le32(item.length), item,
                        tagBytes(Tags.SequenceDelimitationItem), le32(0)),
                element(0x300A00C0, "IS", 2, "1 ".getBytes()));
        Dataset ds = DicomReader.readFile(new ByteArrayInputStream(data), ReadOptions.DEFAULT).dataset();
        Sequence seq = ds.getSequence(0x300A00B0);
        assertThat(seq).isNotNull();
        assertThat(seq.size()).isEqualTo(1);
        assertThat(seq.get(0).getString(0x300A00B2)).isEqualTo("TB1234");
        assertThat(seq.get(0).getVR(0x300A00B2)).isEqualTo(VR.SH);
        assertThat(ds.getString(0x300A00C0)).isEqualTo("1");
    }

    @Test
    void itemLongerThanItsSequenceIsAParseError() {
        byte[] item = element(0x300A00B2, "SH", 6, "TB1234".getBytes());
        byte[] data = explicitLe(concat(tagBytes(0x300A00B0), "SQ".getBytes(), new byte[2], le32(8 + item.length),
                tagBytes(Tags.Item), le32(item.length + 100), item), element(0x300A00C0, "IS", 2, "1 ".getBytes()));
        assertThatThrownBy(() -> DicomReader.readFile(new ByteArrayInputStream(data), ReadOptions.DEFAULT))
                .isInstanceOf(DicomParseException.class);
    }

    @Test
    void itemShorterThanItsContentIsAParseError() {
        byte[] item = concat(element(0x300A00B2, "SH", 6, "TB1234".getBytes()),
                element(0x300A00B3, "CS", 2, "MU".getBytes()));
        byte[] data = explicitLe(concat(tagBytes(0x300A00B0), "SQ".getBytes(), new byte[2], le32(8 + item.length),
                tagBytes(Tags.Item), le32(item.length - 5), item));
        assertThatThrownBy(() -> DicomReader.readFile(new ByteArrayInputStream(data), ReadOptions.DEFAULT))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("overrun");
    }

    // ------------------------------------------------------------------ byte helpers

    static byte[] explicitLe(byte[]... elements) {
        return concat(meta(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), concat(elements));
    }

    static int metaLength() {
        return meta(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).length - 132;
    }

    /** Preamble, DICM and a minimal meta group naming {@code tsUid}. */
    static byte[] meta(String tsUid) {
        byte[] uid = tsUid.getBytes();
        if ((uid.length & 1) == 1) {
            uid = concat(uid, new byte[1]);
        }
        byte[] ts = element(Tags.TransferSyntaxUID, "UI", uid.length, uid);
        byte[] groupLength = element(Tags.FileMetaInformationGroupLength, "UL", 4, le32(ts.length));
        return concat(new byte[128], "DICM".getBytes(), groupLength, ts);
    }

    /** One element: explicit VR LE when {@code vr} is given, implicit when null. */
    static byte[] element(int tag, String vr, long length, byte[] value) {
        if (vr == null) {
            return concat(tagBytes(tag), le32((int) length), value);
        }
        VR v = VR.ofName(vr);
        boolean long32 = v == null || v.explicitLength32();
        byte[] header = long32 ? concat(tagBytes(tag), vr.getBytes(), new byte[2], le32((int) length))
                : concat(tagBytes(tag), vr.getBytes(), new byte[] {(byte) length, (byte) (length >> 8)});
        return concat(header, value);
    }

    static byte[] tagBytes(int tag) {
        byte[] b = new byte[4];
        ByteValues.put16(b, 0, Tag.group(tag));
        ByteValues.put16(b, 2, Tag.element(tag));
        return b;
    }

    static byte[] le32(int v) {
        byte[] b = new byte[4];
        ByteValues.put32(b, 0, v);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
