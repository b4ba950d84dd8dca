package org.qanode.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.testing.Samples;

/**
 * {@link ReadOptions#keepingOnlySequences}: what the index's header read relies on. A read that
 * skips top-level sequences keeps every other element exactly as a full read does, keeps the
 * sequences it is asked for, and fails on damaged input exactly when, where and how a full read
 * fails, even when the damage lies inside a skipped sequence: the store decides from it whether an
 * object is UNREADABLE.
 */
class SkippedSequencesTest {
    private static final ReadOptions NO_SEQUENCES = ReadOptions.DEFAULT.keepingOnlySequences(tag -> false);
    /** Damage per file: most of it in the second half, where a plan's beam sequences lie. */
    private static final int DAMAGES = 120;

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> skippingKeepsEverythingButTheSkippedSequences() {
        return Samples.all().stream().map(file -> DynamicTest.dynamicTest(Samples.root().relativize(file).toString(), () -> {
            String fullOutcome = outcome(() -> DicomReader.readFile(file));
            if (!fullOutcome.equals("parsed")) { // a sample broken on purpose: the same failure
                assertThat(outcome(() -> DicomReader.readFile(file, NO_SEQUENCES))).isEqualTo(fullOutcome);
                return;
            }
            Dataset full = DicomReader.readFile(file).dataset();
            Dataset skipped = DicomReader.readFile(file, NO_SEQUENCES).dataset();
            Dataset withoutSequences = new Dataset();
            withoutSequences.addAll(full);
            withoutSequences.removeIf(tag -> full.getVR(tag) == VR.SQ);
            assertThat(skipped.deepEquals(withoutSequences)).as("all but the sequences, as read in full").isTrue();

            // asked for one sequence, the read keeps that one, whole
            for (int i = 0; i < full.size(); i++) {
                if (full.vrAt(i) == VR.SQ) {
                    int wanted = full.tagAt(i);
                    Dataset one = DicomReader.readFile(file, ReadOptions.DEFAULT.keepingOnlySequences(t -> t == wanted))
                            .dataset();
                    Dataset expected = new Dataset();
                    expected.addAll(full);
                    expected.removeIf(tag -> full.getVR(tag) == VR.SQ && tag != wanted);
                    assertThat(one.deepEquals(expected)).as("kept %08X", wanted).isTrue();
                    break;
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> damageInsideSkippedSequencesFailsAsAFullRead() {
        return Samples.all().stream()
                .filter(f -> f.toString().contains("rtplan") || f.toString().contains("rtstruct"))
                .map(file -> DynamicTest.dynamicTest(Samples.root().relativize(file).toString(), () -> damage(file)));
    }

    private void damage(Path file) throws IOException {
        byte[] original = Files.readAllBytes(file);
        Random random = new Random(file.getFileName().toString().hashCode());
        int failed = 0;
        for (int i = 0; i < DAMAGES; i++) {
            int half = original.length / 2;
            int at = i % 4 == 0 ? random.nextInt(original.length) : half + random.nextInt(original.length - half);
            byte[] damaged;
            String what;
            if (i % 3 == 0) {
                damaged = Arrays.copyOf(original, at);
                what = "truncated at " + at;
            } else {
                damaged = original.clone();
                int value = random.nextInt(256);
                damaged[at] = (byte) (damaged[at] == (byte) value ? value ^ 0xFF : value);
                what = "byte " + at + " set to " + (damaged[at] & 0xFF);
            }
            Path f = Files.write(tmp.resolve("case.dcm"), damaged);
            String full = outcome(() -> DicomReader.readFile(f));
            assertThat(outcome(() -> DicomReader.readFile(f, NO_SEQUENCES))).as(file + " " + what + " (file)").isEqualTo(full);
            assertThat(outcome(() -> DicomReader.readFile(new ByteArrayInputStream(damaged), NO_SEQUENCES)))
                    .as(file + " " + what + " (stream)")
                    .isEqualTo(outcome(() -> DicomReader.readFile(new ByteArrayInputStream(damaged), ReadOptions.DEFAULT)));
            if (!full.equals("parsed")) {
                failed++;
            }
        }
        // the comparison means something only if damage does break reads
        assertThat(failed).as("damaged copies a full read refuses").isGreaterThan(DAMAGES / 10);
    }

    @Test
    void aBrokenItemDeepInsideASkippedSequenceIsFound() throws IOException {
        Path plan = Samples.get("rtplan/pps_aria13_fif_static_mlc.dcm");
        Dataset full = DicomReader.readFile(plan).dataset();
        assertThat(full.getSequence(Tags.BeamSequence)).isNotEmpty();
        byte[] bytes = Files.readAllBytes(plan);
        // the last item tag of the file (FFFE,E000 little endian) lies in the beams' control points
        int last = -1;
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == (byte) 0xFE && bytes[i + 1] == (byte) 0xFF && bytes[i + 2] == 0x00 && bytes[i + 3] == (byte) 0xE0) {
                last = i;
            }
        }
        assertThat(last).isPositive();
        bytes[last + 3] = 0x00; // no longer an item: "expected an item in sequence"
        Path broken = Files.write(tmp.resolve("broken.dcm"), bytes);
        String full0 = outcome(() -> DicomReader.readFile(broken));
        assertThat(full0).startsWith("failed: ").contains("expected an item");
        assertThat(outcome(() -> DicomReader.readFile(broken, NO_SEQUENCES))).isEqualTo(full0);
    }

    private interface Read {
        DicomFile run() throws IOException;
    }

    /** "parsed", or the parse error's message and offset: the two reads must agree on both. */
    private static String outcome(Read read) {
        try {
            read.run();
            return "parsed";
        } catch (DicomParseException e) {
            return "failed: " + e.getMessage() + " @" + e.offset();
        } catch (IOException e) {
            return "io: " + e;
        }
    }
}
