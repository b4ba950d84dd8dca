package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store relies on when it reads a received object's header and journal record from
 * memory (issue 16): after a flush, the file holds exactly what was written, however it was
 * cut into writes, and {@link HeldOutput#held} is exactly the file up to the limit and null beyond.
 * The pieces come as arrays, heap buffers and direct buffers (the network's, written to the file
 * as they are once large enough) in random order, so a direct write that overtook bytes waiting
 * in the buffer would show as a changed file.
 */
class HeldOutputTest {
    private static final int LIMIT = 100_000;

    @TempDir
    Path dir;

    @Test
    void aFileUpToTheLimitIsHeldWholeAndWrittenOut() throws Exception {
        Random random = new Random(16);
        for (int size : new int[] {0, 1, 8_191, 8_192, 8_193, 16_385, 65_535, 65_536, 65_537, LIMIT - 1, LIMIT}) {
            byte[] content = bytes(random, size);
            Written w = write(content, random, LIMIT);
            assertThat(w.file).as("file of %d bytes", size).isEqualTo(content);
            assertThat(w.held).as("held, %d bytes", size).isEqualTo(content);
            assertThat(w.size).isEqualTo(size);
        }
    }

    @Test
    void aFileBeyondTheLimitIsWrittenWholeAndNotHeld() throws Exception {
        Random random = new Random(17);
        for (int size : new int[] {LIMIT + 1, 2 * LIMIT, HeldOutput.BUFFER + 1, 3 * HeldOutput.BUFFER + 12_345}) {
            byte[] content = bytes(random, size);
            Written w = write(content, random, LIMIT);
            assertThat(w.file).as("file of %d bytes", size).isEqualTo(content);
            assertThat(w.held).as("%d bytes, beyond the limit", size).isNull();
            assertThat(w.size).isEqualTo(size);
        }
    }

    @Test
    void aTreatmentRecordOfAFewKilobytesIsHeldInAnArrayOfItsSize() throws Exception {
        try (FileChannel ch = FileChannel.open(dir.resolve("record.dcm"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            HeldOutput out = new HeldOutput(ch, LIMIT);
            out.write(ByteBuffer.wrap(bytes(new Random(19), 1_834)));
            assertThat(out.capacity()).isEqualTo(HeldOutput.FIRST_HOLD).isLessThanOrEqualTo(8 * 1024);
            out.write(ByteBuffer.wrap(bytes(new Random(20), 16_384)));
            assertThat(out.capacity()).as("grown to what it holds").isEqualTo(1_834 + 16_384);
            assertThat(out.held().remaining()).isEqualTo(1_834 + 16_384);
        }
    }

    @Test
    void withoutALimitNothingIsHeld() throws Exception {
        Random random = new Random(18);
        byte[] content = bytes(random, 5_000);
        Written w = write(content, random, 0);
        assertThat(w.file).isEqualTo(content);
        assertThat(w.held).isNull();
    }

    @Test
    void flushingMidWayWritesWhatCameSoFarAndKeepsHolding() throws Exception {
        Path f = dir.resolve("mid");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            HeldOutput out = new HeldOutput(ch, LIMIT);
            out.write(new byte[] {1, 2, 3}, 0, 3);
            out.flush();
            assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
            out.write(new byte[] {4, 5}, 0, 2);
            out.write(6);
            out.flush();
            out.flush();
            assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(array(out.held())).containsExactly(1, 2, 3, 4, 5, 6);
        }
    }

    private record Written(byte[] file, byte[] held, long size) {
    }

    @Test
    void directPiecesOfEveryKindOfSizeLandInOrder() throws Exception {
        Random random = new Random(19);
        for (int round = 0; round < 20; round++) {
            byte[] content = bytes(random, LIMIT + random.nextInt(4 * HeldOutput.BUFFER));
            Written w = write(content, random, LIMIT);
            assertThat(w.file).as("round %d, %d bytes", round, content.length).isEqualTo(content);
            assertThat(w.held).isNull();
        }
    }

    @Test
    void beyondTheLimitTheFileIsWrittenAroundThePageCacheAndStillExact() throws Exception {
        Random random = new Random(20);
        for (int round = 0; round < 10; round++) {
            byte[] content = bytes(random, LIMIT + random.nextInt(3 * DirectOutput.BUFFER));
            Written w = write(content, random, LIMIT, true);
            assertThat(w.file).as("round %d, %d bytes", round, content.length).isEqualTo(content);
            assertThat(w.held).isNull();
        }
    }

    @Test
    void bytesFlushedWhileHeldAreWrittenAgainTheSameWhenTheFileOutgrowsTheLimit() throws Exception {
        Random random = new Random(21);
        byte[] content = bytes(random, LIMIT + DirectOutput.BUFFER + 5);
        Path f = dir.resolve("flushed-then-direct");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            HeldOutput out = new HeldOutput(ch, f, LIMIT);
            out.write(content, 0, 1000);
            out.flush();
            out.write(content, 1000, content.length - 1000);
            out.flush();
            assertThat(out.held()).isNull();
            assertThat(Files.readAllBytes(f)).isEqualTo(content);
            out.close();
        }
    }

    private Written write(byte[] content, Random random, int limit) throws Exception {
        return write(content, random, limit, false);
    }

    /**
     * Writes {@code content} in random pieces (some larger than the buffer, some around
     * {@link HeldOutput#DIRECT_WRITE_MIN}), each as an array slice, a heap buffer or a direct
     * buffer, flushes, reads back. {@code direct}: the output may write around the page cache
     * once beyond the limit.
     */
    private Written write(byte[] content, Random random, int limit, boolean direct) throws Exception {
        Path f = Files.createTempFile(dir, "held", ".part");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE);
                HeldOutput out = new HeldOutput(ch, direct ? f : null, limit)) {
            int at = 0;
            while (at < content.length) {
                int piece = switch (random.nextInt(8)) {
                    case 0 -> random.nextInt(2 * HeldOutput.BUFFER);
                    case 1 -> HeldOutput.DIRECT_WRITE_MIN - 1 + random.nextInt(3);
                    default -> random.nextInt(20_000);
                };
                int n = Math.min(Math.max(piece, 1), content.length - at);
                switch (random.nextInt(3)) {
                    case 0 -> out.write(content, at, n);
                    case 1 -> writeBuffer(out, ByteBuffer.wrap(content, at, n));
                    default -> {
                        // a slice in the middle of a larger direct buffer, as a PDV in Netty's pool
                        ByteBuffer pool = ByteBuffer.allocateDirect(n + 20);
                        pool.position(7);
                        pool.put(content, at, n);
                        writeBuffer(out, pool.flip().position(7));
                    }
                }
                at += n;
            }
            out.flush();
            ByteBuffer held = out.held();
            return new Written(Files.readAllBytes(f), held == null ? null : array(held), out.size());
        }
    }

    private static void writeBuffer(HeldOutput out, ByteBuffer b) throws Exception {
        out.write(b);
        assertThat(b.hasRemaining()).as("a written buffer is consumed").isFalse();
    }

    private static byte[] array(ByteBuffer b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        return o.toByteArray();
    }

    private static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
