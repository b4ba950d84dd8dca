package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.testing.Samples;

/**
 * The store reads a received object's header from the bytes its storage thread still holds
 * (issue 16): what it indexes, and whether it calls an object UNREADABLE and why, must be exactly
 * what a read of the file gives, for whole and damaged objects alike.
 */
class HeaderReaderTest {
    private static final int DAMAGES = 60;

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> theHeldBytesGiveTheHeaderTheFileGives() {
        return Samples.all().stream().map(file -> DynamicTest.dynamicTest(Samples.root().relativize(file).toString(), () -> {
            byte[] original = Files.readAllBytes(file);
            assertSame(file, original, "whole");
            if (!file.toString().contains("rtplan") && !file.toString().contains("rtrecord")) {
                return;
            }
            Random random = new Random(file.getFileName().toString().hashCode());
            int unreadable = 0;
            for (int i = 0; i < DAMAGES; i++) {
                int at = random.nextInt(original.length);
                byte[] damaged;
                if (i % 3 == 0) {
                    damaged = Arrays.copyOf(original, at);
                } else {
                    damaged = original.clone();
                    damaged[at] ^= (byte) (1 + random.nextInt(255));
                }
                if (assertSame(file, damaged, "damaged at " + at).parseError() != null) {
                    unreadable++;
                }
            }
            // the comparison means something only if damage does make objects unreadable
            assertThat(unreadable).as("damaged copies read as UNREADABLE").isPositive();
        }));
    }

    private HeaderReader.Header assertSame(Path sample, byte[] bytes, String what) throws IOException {
        Path f = Files.write(tmp.resolve("case.dcm"), bytes);
        HeaderReader.Header fromFile = HeaderReader.read(f, null, null);
        // held the way DurableFile holds it: a buffer over the start of a larger array
        byte[] larger = Arrays.copyOf(bytes, bytes.length + 1000);
        HeaderReader.Header fromMemory = HeaderReader.read(f, ByteBuffer.wrap(larger, 0, bytes.length), null);
        assertThat(fromMemory).as(sample + " " + what).isEqualTo(fromFile);
        // and from a buffer that does not start at the array's start
        byte[] shifted = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, shifted, 7, bytes.length);
        HeaderReader.Header fromSlice = HeaderReader.read(f, ByteBuffer.wrap(shifted, 7, bytes.length).slice(), null);
        assertThat(fromSlice).as(sample + " " + what + " (slice)").isEqualTo(fromFile);
        return fromFile;
    }
}
